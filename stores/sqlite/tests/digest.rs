//! The core's hand-written HMAC-SHA256 against the `hmac` and `sha2` crates.

use hmac::{Hmac, Mac};
use proptest::prelude::*;
use sha2::Sha256;

fn oracle(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn hmac_sha256_matches_the_rustcrypto_crates(
        key in proptest::collection::vec(any::<u8>(), 0..200),
        msg in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        prop_assert_eq!(realname::store::hmac_sha256(&key, &msg), oracle(&key, &msg));
    }
}

#[test]
fn hmac_sha256_at_the_block_edges() {
    // Keys around SHA-256's 64-byte block (a longer key is hashed first),
    // messages around the padding boundaries (55, 56, 64 bytes).
    for k in [0, 1, 31, 32, 63, 64, 65, 127, 128, 129, 199] {
        for m in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 299] {
            let key: Vec<u8> = (0..k).map(|i| (i * 7 + 3) as u8).collect();
            let msg: Vec<u8> = (0..m).map(|i| (i * 13 + 1) as u8).collect();
            assert_eq!(
                realname::store::hmac_sha256(&key, &msg),
                oracle(&key, &msg),
                "key {k}, message {m}"
            );
        }
    }
}
