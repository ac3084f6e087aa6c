//! Idempotency keys: random UUIDs (version 4) for `Idempotency-Key`.

/// A fresh key from the browser's cryptographic random source.
///
/// `crypto.getRandomValues` works on plain http too (unlike `randomUUID`).
/// Without it (never in a supported browser) `Math.random` fills in: a key
/// needs to be unique, not secret.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// The version 4 UUID spelled by 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_bytes_spell_a_known_uuid() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }

    proptest! {
        #[test]
        fn every_key_is_a_well_formed_v4_uuid(bytes in proptest::array::uniform16(any::<u8>())) {
            let key = uuid_v4(bytes);
            prop_assert_eq!(key.len(), 36);
            let groups: Vec<&str> = key.split('-').collect();
            prop_assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
            prop_assert!(groups[2].starts_with('4'));
            prop_assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        }
    }
}
