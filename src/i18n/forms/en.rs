//! The forms' shared texts in English.

use super::FormsKey;

pub(in crate::i18n) fn text(key: FormsKey) -> &'static str {
    match key {
        FormsKey::CancelUpload => "Cancel",
        FormsKey::ConflictField => "Answer",
        FormsKey::ConflictIntro => "This part was changed on another device after you started filling it in here. Compare both versions, then choose which to keep.",
        FormsKey::ConflictKeepMine => "Keep this device's version",
        FormsKey::ConflictMine => "On this device",
        FormsKey::ConflictTakeTheirs => "Use the saved version",
        FormsKey::ConflictTheirs => "Saved on the server",
        FormsKey::ConflictTitle => "There are two versions of your answers",
        FormsKey::PartNotLoaded => "This part could not be loaded: the connection dropped. We try again by ourselves as soon as the connection is back. What you typed on this page stays saved.",
        FormsKey::PauseUpload => "Pause",
        FormsKey::ResumeUpload => "Resume",
        FormsKey::SaveStateConflict => "There are two versions. Choose which to keep.",
        FormsKey::SaveStateLocked => "Your profile is being checked; answers cannot be changed now.",
        FormsKey::SaveStateNotAccepted => "Saved on this device only. The server did not accept these answers, so they are not sent.",
        FormsKey::SaveStateOnDevice => "Saved on this device. It is sent when you continue.",
        FormsKey::SaveStateQueued => "Saved on this device. Not sent yet because of the connection; it is sent by itself when you are back online.",
        FormsKey::SaveStateRefused => "Saved on this device. The server refused some answers; see below.",
        FormsKey::SaveStateSaved => "Saved.",
        FormsKey::SaveStateSaving => "Saving…",
        FormsKey::SubmitConflict => "A part has two versions. Open it and choose a version first.",
        FormsKey::SubmitNotAccepted => "The server did not accept some answers, so they are not sent. Your answers are still saved on this device.",
        FormsKey::SubmitNotSent => "Some answers are only saved on this device and not sent yet. Check your connection, then try again.",
        FormsKey::SubmitRefused => "The server refused some answers. Open the marked part and fix them.",
        FormsKey::UploadCancelled => "Cancelled.",
        FormsKey::UploadGone => "This file is no longer kept on the server. Choose it again.",
        FormsKey::UploadPaused => "Paused. Press Resume to go on.",
        FormsKey::UploadProgress => "Sending: {sent} KB of {total} KB ({percent} %)",
        FormsKey::UploadQueued => "Waiting for its turn",
        FormsKey::UploadRefused => "The server refused this file. Try again later.",
        FormsKey::UploadSignIn => "The session ended. Sign in again and sending goes on.",
        FormsKey::UploadTooLarge => "The file is too large, or your storage is full. Remove files you no longer need.",
        FormsKey::UploadUnreachable => "Sending stopped for the connection. Press Resume when you have signal again.",
        FormsKey::UploadWaiting => "Waiting for the connection. Sending goes on by itself from what already arrived.",
    }
}
