//! The forms' shared texts in Bahasa Indonesia: plain, short words, the
//! formal "Anda".

use super::FormsKey;

pub(in crate::i18n) fn text(key: FormsKey) -> &'static str {
    match key {
        FormsKey::CancelUpload => "Batalkan",
        FormsKey::ConflictField => "Isian",
        FormsKey::ConflictIntro => "Bagian ini diubah di perangkat lain setelah Anda mulai mengisinya di sini. Bandingkan kedua versi, lalu pilih yang akan disimpan.",
        FormsKey::ConflictKeepMine => "Simpan versi perangkat ini",
        FormsKey::ConflictMine => "Di perangkat ini",
        FormsKey::ConflictTakeTheirs => "Pakai versi yang tersimpan",
        FormsKey::ConflictTheirs => "Tersimpan di server",
        FormsKey::ConflictTitle => "Ada dua versi jawaban",
        FormsKey::PartNotLoaded => "Bagian ini belum bisa dimuat karena koneksi terputus. Kami mencoba lagi sendiri begitu koneksi kembali. Isian Anda di halaman ini tetap tersimpan.",
        FormsKey::PauseUpload => "Jeda",
        FormsKey::ResumeUpload => "Lanjutkan",
        FormsKey::SaveStateConflict => "Ada dua versi. Pilih yang akan disimpan.",
        FormsKey::SaveStateLocked => "Profil sedang diperiksa; jawaban belum bisa diubah.",
        FormsKey::SaveStateNotAccepted => "Tersimpan di perangkat ini saja. Server tidak menerima jawaban ini, jadi belum terkirim.",
        FormsKey::SaveStateOnDevice => "Tersimpan di perangkat ini. Akan dikirim saat Anda lanjut.",
        FormsKey::SaveStateQueued => "Tersimpan di perangkat ini. Belum terkirim karena koneksi; akan dikirim otomatis saat tersambung.",
        FormsKey::SaveStateRefused => "Tersimpan di perangkat ini. Server menolak beberapa jawaban; lihat di bawah.",
        FormsKey::SaveStateSaved => "Tersimpan.",
        FormsKey::SaveStateSaving => "Menyimpan…",
        FormsKey::SubmitConflict => "Ada bagian yang punya dua versi. Buka bagian itu dan pilih versinya dulu.",
        FormsKey::SubmitNotAccepted => "Server tidak menerima sebagian jawaban, jadi belum terkirim. Jawaban Anda tetap tersimpan di perangkat ini.",
        FormsKey::SubmitNotSent => "Sebagian jawaban baru tersimpan di perangkat ini dan belum terkirim. Periksa koneksi, lalu coba lagi.",
        FormsKey::SubmitRefused => "Server menolak sebagian jawaban. Buka bagian yang ditandai dan perbaiki.",
        FormsKey::UploadCancelled => "Dibatalkan.",
        FormsKey::UploadGone => "File ini tidak tersimpan lagi di server. Pilih file-nya lagi.",
        FormsKey::UploadPaused => "Dijeda. Tekan Lanjutkan untuk meneruskan.",
        FormsKey::UploadProgress => "Mengirim: {sent} KB dari {total} KB ({percent} %)",
        FormsKey::UploadQueued => "Menunggu giliran",
        FormsKey::UploadRefused => "Server menolak file ini. Coba lagi nanti.",
        FormsKey::UploadSignIn => "Sesi berakhir. Masuk lagi, lalu pengiriman berlanjut.",
        FormsKey::UploadTooLarge => "File terlalu besar, atau ruang penyimpanan Anda penuh. Hapus file yang tidak dipakai.",
        FormsKey::UploadUnreachable => "Pengiriman berhenti karena koneksi. Tekan Lanjutkan saat sinyal kembali.",
        FormsKey::UploadWaiting => "Menunggu koneksi. Pengiriman berlanjut sendiri dari bagian yang sudah sampai.",
    }
}
