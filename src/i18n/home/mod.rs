//! Home's own texts (`pages/account/` uses them, nothing else does): out of the
//! main module, they come with home's chunk, whose entry points install them
//! (`lazy.rs`). Code writes them `Key::Name` like any other text; each is
//! `Key::HomeArea(HomeKey::Name)`.

pub(super) mod en;
pub(super) mod id;

super::area_keys! {
    HomeArea,
    HomeKey {
    BrowseTenders,
    CoopLinkApprove,
    CoopLinkConfirmed,
    CoopLinkEnd,
    CoopLinkPending,
    CoopLinkRefuse,
    CoopLinksTitle,
    HomeHowTitle,
    HomeIntro,
    HomeSignInButton,
    HomeStepDocuments,
    HomeStepProfile,
    HomeStepTenders,
    HomeTitle,
    ReasonsIntro,
    StatusCannotStartYet,
    StatusInProgress,
    StatusNeedsChanges,
    StatusNotStarted,
    SupplierHomeTitle,
    TaskCertificates,
    TaskProducts,
    TaskProductsCount,
    TaskProfile,
    TaskProfileHint,
    TaskSubmit,
    TasksProgress,
    TasksTitle,
    TrailAddress,
    TrailBank,
    TrailBusiness,
    TrailDocument,
    TrailEntry,
    TrailOwner,
    TrailProduct,
    TrailTender,
    TrailTitle,
    VerificationTitle,
    }
}
