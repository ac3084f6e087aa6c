//! Bahasa Indonesia: plain, short words, the formal "Anda".

use super::Key;

pub(super) fn text(key: Key) -> &'static str {
    match key {
        Key::AppName => "Rantai",
        Key::Tagline => "Dari UMKM menjadi pemasok BUMN dan pemerintah",
        Key::SkipToContent => "Langsung ke isi utama",
        Key::MainNavigation => "Navigasi utama",
        Key::SwitchLanguage => "English",
        Key::SwitchLanguageLabel => "Ganti bahasa ke English",
        Key::LoadingApp => "Memuat Rantai…",
        Key::HomeTitle => "Jadi pemasok BUMN dan pemerintah",
        Key::HomeIntro => "Rantai membantu usaha mikro dan kecil serta anggota koperasi mendaftar sebagai pemasok terverifikasi untuk BUMN dan instansi pemerintah. Isi profil usaha, unggah sertifikat, lalu cari tender yang cocok dengan usaha Anda.",
        Key::HomeHowTitle => "Cara kerjanya",
        Key::HomeStepProfile => "Lengkapi profil usaha: NIB, NPWP, alamat dan rekening bank.",
        Key::HomeStepDocuments => "Unggah sertifikat seperti halal, P-IRT, SNI atau TKDN.",
        Key::HomeStepTenders => "Cari tender dan lihat apakah usaha Anda memenuhi syarat.",
        Key::FooterNote => "Rantai: jalan UMKM dan koperasi menuju rantai pasok BUMN dan pemerintah.",
        Key::NotFoundTitle => "Halaman tidak ditemukan",
        Key::NotFoundBody => "Alamat ini tidak ada di Rantai. Periksa alamatnya, atau kembali ke beranda.",
        Key::BackHome => "Kembali ke beranda",
        Key::CrashTitle => "Maaf, ada yang tidak beres",
        Key::CrashBody => "Halaman ini gagal ditampilkan. Isian Anda yang sudah tersimpan tidak hilang. Muat ulang halaman atau kembali ke beranda.",
        Key::Reload => "Muat ulang",
        Key::Offline => "Anda sedang offline. Yang Anda isi tetap tersimpan di perangkat ini.",
        Key::BackOnline => "Koneksi kembali. Anda online lagi.",
        Key::ErrorOffline => "Anda sedang offline. Periksa koneksi data atau Wi-Fi, lalu coba lagi.",
        Key::ErrorNetwork => "Server tidak dapat dihubungi. Periksa koneksi Anda, lalu coba lagi.",
        Key::ErrorTimeout => "Server terlalu lama menjawab. Coba lagi sebentar lagi.",
        Key::ErrorUnauthorized => "Sesi Anda sudah berakhir. Silakan masuk lagi; isian Anda tidak hilang.",
        Key::ErrorForbidden => "Anda tidak punya akses ke halaman ini.",
        Key::ErrorNotFound => "Data yang Anda cari tidak ditemukan.",
        Key::ErrorValidation => "Ada isian yang perlu diperbaiki.",
        Key::ErrorConflict => "Data ini baru saja diubah di perangkat lain. Periksa kedua versi sebelum menyimpan.",
        Key::ErrorTooManyRequests => "Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.",
        Key::ErrorTooManyRequestsIn => "Terlalu banyak permintaan. Coba lagi dalam {seconds} detik.",
        Key::ErrorServer => "Server sedang bermasalah. Coba lagi sebentar lagi.",
        Key::ErrorUnexpected => "Jawaban server tidak terduga. Coba lagi; jika tetap gagal, hubungi kami.",
    }
}
