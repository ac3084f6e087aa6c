//! The texts of the parts the forms share: where a save stands, an upload's progress, a conflict with the server's version
//! (`draft_sync.rs`, `components/upload_progress.rs`,
//! `components/conflict_panel.rs`). Only the areas with forms show them, so
//! they come with those areas' chunks, whose entry points install them
//! (`lazy.rs`), not in the main module. Code writes them `Key::Name`; each
//! is `Key::FormsArea(FormsKey::Name)`.

pub(super) mod en;
pub(super) mod id;

super::area_keys! {
    FormsArea,
    FormsKey {
        CancelUpload,
        ConflictField,
        ConflictIntro,
        ConflictKeepMine,
        ConflictMine,
        ConflictTakeTheirs,
        ConflictTheirs,
        ConflictTitle,
        PartNotLoaded,
        PauseUpload,
        ResumeUpload,
        SaveStateConflict,
        SaveStateLocked,
        SaveStateNotAccepted,
        SaveStateOnDevice,
        SaveStateQueued,
        SaveStateRefused,
        SaveStateSaved,
        SaveStateSaving,
        SubmitConflict,
        SubmitNotAccepted,
        SubmitNotSent,
        SubmitRefused,
        UploadCancelled,
        UploadGone,
        UploadPaused,
        UploadProgress,
        UploadQueued,
        UploadRefused,
        UploadSignIn,
        UploadTooLarge,
        UploadUnreachable,
        UploadWaiting,
    }
}
