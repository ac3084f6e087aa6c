//! Signing in's own texts in English.

use super::SignInKey;

pub(in crate::i18n) fn text(key: SignInKey) -> &'static str {
    match key {
        SignInKey::ChangeNumber => "Change number",
        SignInKey::ChannelLegend => "Send the code by",
        SignInKey::ChannelSms => "SMS",
        SignInKey::ChannelWhatsapp => "WhatsApp",
        SignInKey::CodeEmpty => "Enter the 6-digit code from the SMS or WhatsApp message",
        SignInKey::CodeExpired => "That code has expired. Ask for a new one",
        SignInKey::CodeHint => "The code works for 5 minutes.",
        SignInKey::CodeLabel => "6-digit code",
        SignInKey::CodeLength => "The code has 6 digits; you typed {count}",
        SignInKey::CodeLocked => "Too many wrong codes. Ask for a new one",
        SignInKey::CodeResent => "A new code is on its way.",
        SignInKey::CodeSentTo => "We sent a code to {phone} by {channel}.",
        SignInKey::CodeWrong => "That code is wrong. Check the code we sent",
        SignInKey::Continue => "Continue",
        SignInKey::CoopNameEmpty => "Enter the cooperative's name",
        SignInKey::CoopNameLabel => "Name of the cooperative",
        SignInKey::LoginIntro => "We send a 6-digit code to your phone. If you have no account yet, one is made the first time you sign in.",
        SignInKey::LoginTitle => "Sign in to Rantai",
        SignInKey::NotYouWipe => "Not you? Sign out and wipe this device's data",
        SignInKey::PhoneHint => "For example: 0812 3456 7890",
        SignInKey::PhoneLabel => "Mobile number",
        SignInKey::ResendCode => "Send the code again",
        SignInKey::RoleEmpty => "Choose one",
        SignInKey::RoleIntro => "We ask this only once.",
        SignInKey::RoleOwner => "UMKM owner",
        SignInKey::RoleOwnerHint => "I am registering my own business.",
        SignInKey::RoleStaff => "Cooperative staff",
        SignInKey::RoleStaffHint => "I register and support the cooperative's members.",
        SignInKey::RoleTitle => "Who are you registering as?",
        SignInKey::SendCode => "Send code",
        SignInKey::VerifyCode => "Sign in",
    }
}
