//! Signing in's own texts in Bahasa Indonesia: plain, short words, the formal "Anda".

use super::SignInKey;

pub(in crate::i18n) fn text(key: SignInKey) -> &'static str {
    match key {
        SignInKey::ChangeNumber => "Ganti nomor",
        SignInKey::ChannelLegend => "Kirim kode lewat",
        SignInKey::ChannelSms => "SMS",
        SignInKey::ChannelWhatsapp => "WhatsApp",
        SignInKey::CodeEmpty => "Masukkan kode 6 angka dari SMS atau WhatsApp",
        SignInKey::CodeExpired => "Kode sudah tidak berlaku. Minta kode baru",
        SignInKey::CodeHint => "Kode berlaku 5 menit.",
        SignInKey::CodeLabel => "Kode 6 angka",
        SignInKey::CodeLength => "Kode terdiri dari 6 angka; Anda mengetik {count}",
        SignInKey::CodeLocked => "Terlalu banyak kode salah. Minta kode baru",
        SignInKey::CodeResent => "Kode baru sudah dikirim.",
        SignInKey::CodeSentTo => "Kode sudah dikirim ke {phone} lewat {channel}.",
        SignInKey::CodeWrong => "Kode salah. Periksa lagi kode yang kami kirim",
        SignInKey::Continue => "Lanjut",
        SignInKey::CoopNameEmpty => "Masukkan nama koperasi",
        SignInKey::CoopNameLabel => "Nama koperasi",
        SignInKey::LoginIntro => "Kami kirim kode 6 angka ke nomor HP Anda. Jika belum punya akun, akun dibuat saat Anda pertama kali masuk.",
        SignInKey::LoginTitle => "Masuk ke Rantai",
        SignInKey::NotYouWipe => "Bukan Anda? Keluar dan hapus data di perangkat ini",
        SignInKey::PhoneHint => "Contoh: 0812 3456 7890",
        SignInKey::PhoneLabel => "Nomor HP",
        SignInKey::ResendCode => "Kirim ulang kode",
        SignInKey::RoleEmpty => "Pilih salah satu",
        SignInKey::RoleIntro => "Pilihan ini hanya ditanyakan sekali.",
        SignInKey::RoleOwner => "Pemilik UMKM",
        SignInKey::RoleOwnerHint => "Saya mendaftarkan usaha saya sendiri.",
        SignInKey::RoleStaff => "Staf koperasi",
        SignInKey::RoleStaffHint => "Saya mendaftarkan dan mendampingi anggota koperasi.",
        SignInKey::RoleTitle => "Anda mendaftar sebagai apa?",
        SignInKey::SendCode => "Kirim kode",
        SignInKey::VerifyCode => "Masuk",
    }
}
