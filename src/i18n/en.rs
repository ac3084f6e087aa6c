//! English: the second language, as plain as the Indonesian.

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::AppName => "Rantai",
        Key::Tagline => "From small business to supplier of state-owned enterprises and government",
        Key::SkipToContent => "Skip to main content",
        Key::MainNavigation => "Main navigation",
        Key::SwitchLanguage => "Bahasa Indonesia",
        Key::SwitchLanguageLabel => "Switch language to Bahasa Indonesia",
        Key::LoadingApp => "Loading Rantai…",
        Key::HomeTitle => "Become a supplier to BUMN and government",
        Key::HomeIntro => "Rantai helps micro and small businesses and cooperative members register as verified suppliers of state-owned enterprises (BUMN) and government buyers. Fill in your business profile, upload your certificates, then find tenders that fit your business.",
        Key::HomeHowTitle => "How it works",
        Key::HomeStepProfile => "Complete your business profile: NIB, NPWP, address and bank account.",
        Key::HomeStepDocuments => "Upload certificates such as halal, P-IRT, SNI or TKDN.",
        Key::HomeStepTenders => "Find tenders and see whether your business is eligible.",
        Key::FooterNote => "Rantai: the way for small businesses and cooperatives into the supply chains of BUMN and government.",
        Key::NotFoundTitle => "Page not found",
        Key::NotFoundBody => "This address does not exist in Rantai. Check the address, or go back to the home page.",
        Key::BackHome => "Back to the home page",
        Key::CrashTitle => "Sorry, something went wrong",
        Key::CrashBody => "This page could not be shown. What you already saved is not lost. Reload the page or go back to the home page.",
        Key::Reload => "Reload",
        Key::Offline => "You are offline. What you type stays saved on this device.",
        Key::BackOnline => "Connection is back. You are online again.",
        Key::ErrorOffline => "You are offline. Check your mobile data or Wi-Fi, then try again.",
        Key::ErrorNetwork => "The server could not be reached. Check your connection, then try again.",
        Key::ErrorTimeout => "The server took too long to answer. Try again in a moment.",
        Key::ErrorUnauthorized => "Your session has ended. Please sign in again; what you typed is not lost.",
        Key::ErrorForbidden => "You do not have access to this page.",
        Key::ErrorNotFound => "What you are looking for was not found.",
        Key::ErrorValidation => "Some answers need to be corrected.",
        Key::ErrorConflict => "This was just changed on another device. Check both versions before saving.",
        Key::ErrorTooManyRequests => "Too many requests. Wait a moment, then try again.",
        Key::ErrorTooManyRequestsIn => "Too many requests. Try again in {seconds} seconds.",
        Key::ErrorServer => "The server has a problem. Try again in a moment.",
        Key::ErrorUnexpected => "The server gave an unexpected answer. Try again; if it keeps failing, contact us.",
    }
}
