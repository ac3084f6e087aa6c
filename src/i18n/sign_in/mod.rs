//! Signing in's own texts (`pages/account/` uses them, nothing else does): out of the
//! main module, they come with sign-in's chunk, whose entry points install them
//! (`lazy.rs`). Code writes them `Key::Name` like any other text; each is
//! `Key::SignInArea(SignInKey::Name)`.

pub(super) mod en;
pub(super) mod id;

super::area_keys! {
    SignInArea,
    SignInKey {
    ChangeNumber,
    ChannelLegend,
    ChannelSms,
    ChannelWhatsapp,
    CodeEmpty,
    CodeExpired,
    CodeHint,
    CodeLabel,
    CodeLength,
    CodeLocked,
    CodeResent,
    CodeSentTo,
    CodeWrong,
    Continue,
    CoopNameEmpty,
    CoopNameLabel,
    LoginIntro,
    LoginTitle,
    NotYouWipe,
    PhoneHint,
    PhoneLabel,
    ResendCode,
    RoleEmpty,
    RoleIntro,
    RoleOwner,
    RoleOwnerHint,
    RoleStaff,
    RoleStaffHint,
    RoleTitle,
    SendCode,
    VerifyCode,
    }
}
