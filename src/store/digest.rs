//! Keyed digests: what a store keeps instead of a document number.
//!
//! A store is given a secret when it is built, and keeps only
//! `HMAC-SHA256(secret, key)` of each [`DocumentKey`]: a leaked database
//! holds no identity numbers, and without the secret nobody can test a
//! guessed number against it. The same secret gives the same digest in
//! every store of this workspace, so bindings can move from one store to
//! another. The flow states a store keeps are sealed with the same secret,
//! so an edited row is refused when it is loaded.
//!
//! SHA-256 (FIPS 180-4) and HMAC (RFC 2104) are written out here because
//! the core crate takes no cryptographic dependency; the test suite checks
//! them against the published test vectors and, bit for bit on random
//! input, against the `sha2` and `hmac` crates.
//!
//! # Rotating the secret
//!
//! A digest cannot be turned back into the number, so a store cannot
//! re-key what it holds by itself. Build the [`Keyring`] with the new
//! secret and the old one ([`Keyring::rotating`]): every operation then
//! looks under both digests and moves what it finds under the old one to
//! the new one, in the same transaction, so a cap counts both. Keep the old
//! secret until the identities in use have been touched (a `count` of each
//! identity your account records name moves it), then drop it.
//!
//! Every server that writes to the store must switch at once: stop the
//! writers keyed with the old secret alone, then start them all rotating
//! (a rolling restart is not enough), and later switch them all to the new
//! secret alone the same way. A server keyed with the old secret alone
//! beside a rotating one does not see the bindings under the new digest,
//! and the two together can bind more accounts than the cap.
//!
//! Saved flows are sealed with the current secret each time they are
//! saved, and a seal under the previous secret still verifies while
//! rotating. Before dropping the old secret, save every flow still open
//! once more (load and save it at its revision plus one, or let the
//! sweeper's next event do it): a flow last sealed under a dropped secret
//! loads as tampered.

use core::fmt;

use crate::DocumentKey;

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-256 in progress. Private: the public surface is [`Keyring`].
#[derive(Clone)]
struct Sha256 {
    state: [u32; 8],
    block: [u8; 64],
    filled: usize,
    length: u64,
}

impl Sha256 {
    fn new() -> Sha256 {
        Sha256 {
            state: H0,
            block: [0; 64],
            filled: 0,
            length: 0,
        }
    }

    // The schedule's indices are constants of the algorithm, all below 64.
    #[allow(clippy::indexing_slicing)]
    fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
        let mut w = [0u32; 64];
        for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
            let mut b = [0u8; 4];
            b.copy_from_slice(bytes);
            *word = u32::from_be_bytes(b);
        }
        for i in 16..64 {
            let (w2, w7, w15, w16) = (w[i - 2], w[i - 7], w[i - 15], w[i - 16]);
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            w[i] = w16.wrapping_add(s0).wrapping_add(w7).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        for (k, w) in K.iter().zip(w.iter()) {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(*k)
                .wrapping_add(*w);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.length = self.length.wrapping_add(data.len() as u64);
        while !data.is_empty() {
            let room = 64 - self.filled;
            let take = room.min(data.len());
            let (now, rest) = data.split_at(take);
            if let Some(dst) = self.block.get_mut(self.filled..self.filled + take) {
                dst.copy_from_slice(now);
            }
            self.filled += take;
            data = rest;
            if self.filled == 64 {
                Self::compress(&mut self.state, &self.block);
                self.filled = 0;
            }
        }
    }

    fn finish(mut self) -> [u8; 32] {
        let bits = self.length.wrapping_mul(8);
        self.update(&[0x80]);
        while self.filled != 56 {
            self.update(&[0]);
        }
        self.update(&bits.to_be_bytes());
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}

/// SHA-256 of `data` (FIPS 180-4). For the test vectors; the stores use
/// [`Keyring`].
#[cfg(test)]
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(data);
    h.finish()
}

/// HMAC-SHA256 with the inner and outer pads already absorbed, so each
/// digest costs the message's blocks and one more.
#[derive(Clone)]
struct Hmac {
    inner: Sha256,
    outer: Sha256,
}

impl Hmac {
    fn new(secret: &[u8]) -> Hmac {
        let mut key = [0u8; 64];
        if secret.len() > 64 {
            let mut h = Sha256::new();
            h.update(secret);
            if let Some(dst) = key.get_mut(..32) {
                dst.copy_from_slice(&h.finish());
            }
        } else if let Some(dst) = key.get_mut(..secret.len()) {
            dst.copy_from_slice(secret);
        }
        let mut inner = Sha256::new();
        let mut outer = Sha256::new();
        inner.update(&key.map(|b| b ^ 0x36));
        outer.update(&key.map(|b| b ^ 0x5c));
        Hmac { inner, outer }
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut inner = self.inner.clone();
        for p in parts {
            inner.update(p);
        }
        let mut outer = self.outer.clone();
        outer.update(&inner.finish());
        outer.finish()
    }
}

/// HMAC-SHA256 of `message` under `secret` (RFC 2104). Public so that a
/// store's tests can compare it with another implementation; stores use
/// [`Keyring`].
///
/// ```
/// // RFC 4231, test case 2.
/// let mac = realname::store::hmac_sha256(b"Jefe", b"what do ya want for nothing?");
/// assert_eq!(mac[..4], [0x5b, 0xdc, 0xc1, 0x46]);
/// ```
#[must_use]
pub fn hmac_sha256(secret: &[u8], message: &[u8]) -> [u8; 32] {
    Hmac::new(secret).mac(&[message])
}

/// The shortest secret a [`Keyring`] takes, in bytes.
pub const MIN_SECRET_BYTES: usize = 16;

/// A secret too short to key a store.
///
/// ```
/// let err = realname::store::Keyring::new(b"short").unwrap_err();
/// assert_eq!(err.to_string(), "a store secret needs at least 16 bytes, this one has 5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a store secret needs at least {MIN_SECRET_BYTES} bytes, this one has {found}")]
pub struct WeakSecret {
    /// The length given.
    pub found: usize,
}

impl WeakSecret {
    /// The stable code: `weak_secret`.
    ///
    /// ```
    /// assert_eq!(realname::store::Keyring::new(b"").unwrap_err().code(), "weak_secret");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        "weak_secret"
    }
}

/// The keyed digest of a [`DocumentKey`]: what a store keeps. `Debug` and
/// `Display` show its first four bytes in hex, enough to tell two apart in
/// a log.
///
/// ```
/// use realname::{ResidentId, DocumentKey};
/// use realname::store::Keyring;
/// let ring = Keyring::new(b"0123456789abcdef")?;
/// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
/// let d = ring.digest(&key);
/// assert_eq!(d, ring.digest(&key));
/// assert_eq!(d.to_string().chars().count(), 8 + 1); // "1a2b3c4d…"
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyDigest([u8; 32]);

impl KeyDigest {
    /// The 32 bytes.
    ///
    /// ```
    /// use realname::store::KeyDigest;
    /// assert_eq!(KeyDigest::from_bytes([7; 32]).as_bytes(), &[7; 32]);
    /// ```
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A digest from its bytes, as a store reads it back.
    ///
    /// ```
    /// use realname::store::KeyDigest;
    /// assert_eq!(KeyDigest::from_bytes([0; 32]).to_string(), "00000000…");
    /// ```
    #[must_use]
    pub const fn from_bytes(bytes: [u8; 32]) -> KeyDigest {
        KeyDigest(bytes)
    }
}

impl fmt::Display for KeyDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0.iter().take(4) {
            write!(f, "{b:02x}")?;
        }
        f.write_str("…")
    }
}

impl fmt::Debug for KeyDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyDigest({self})")
    }
}

/// Domain separation: a key digest and a flow seal are never the same
/// HMAC input, whatever the bytes.
const KEY_DOMAIN: &[u8] = b"realname/key/v1\0";
const FLOW_DOMAIN: &[u8] = b"realname/flow/v1\0";

/// The secret a store is keyed with, and the previous one while it is
/// being rotated. `Debug` shows neither.
///
/// ```
/// use realname::store::Keyring;
/// let ring = Keyring::new(b"a secret of 16 bytes or more")?;
/// assert_eq!(format!("{ring:?}"), "Keyring { rotating: false }");
/// # Ok::<(), realname::store::WeakSecret>(())
/// ```
#[derive(Clone)]
pub struct Keyring {
    current: Hmac,
    previous: Option<Hmac>,
}

impl Keyring {
    /// A keyring with one secret of at least [`MIN_SECRET_BYTES`] bytes
    /// (32 random bytes is the expected choice).
    ///
    /// ```
    /// assert!(realname::store::Keyring::new(&[0x5a; 32]).is_ok());
    /// ```
    ///
    /// # Errors
    ///
    /// [`WeakSecret`] when the secret is shorter.
    pub fn new(secret: &[u8]) -> Result<Keyring, WeakSecret> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(WeakSecret {
                found: secret.len(),
            });
        }
        Ok(Keyring {
            current: Hmac::new(secret),
            previous: None,
        })
    }

    /// A keyring moving from `old` to `new`: digests are made with `new`,
    /// and stores also look under `old`'s digest and move what they find.
    ///
    /// ```
    /// use realname::store::Keyring;
    /// let ring = Keyring::rotating(&[2; 32], &[1; 32])?;
    /// assert!(ring.previous(&realname::DocumentKey::from(&"11010519491231002X".parse::<realname::ResidentId>().unwrap())).is_some());
    /// # Ok::<(), realname::store::WeakSecret>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`WeakSecret`] when either secret is too short.
    pub fn rotating(new: &[u8], old: &[u8]) -> Result<Keyring, WeakSecret> {
        let mut ring = Keyring::new(new)?;
        ring.previous = Some(Keyring::new(old)?.current);
        Ok(ring)
    }

    /// The digest a store keeps for `key`.
    ///
    /// ```
    /// use realname::store::Keyring;
    /// use realname::{DocumentKey, ResidentId};
    /// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
    /// let (a, b) = (Keyring::new(&[1; 32])?, Keyring::new(&[2; 32])?);
    /// assert_ne!(a.digest(&key), b.digest(&key));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn digest(&self, key: &DocumentKey) -> KeyDigest {
        KeyDigest(self.current.mac(&[KEY_DOMAIN, key.as_bytes()]))
    }

    /// The digest `key` had under the previous secret, while rotating.
    ///
    /// ```
    /// use realname::store::Keyring;
    /// use realname::{DocumentKey, ResidentId};
    /// let key = DocumentKey::from(&"11010519491231002X".parse::<ResidentId>()?);
    /// assert_eq!(Keyring::new(&[1; 32])?.previous(&key), None);
    /// let ring = Keyring::rotating(&[2; 32], &[1; 32])?;
    /// assert_eq!(ring.previous(&key), Some(Keyring::new(&[1; 32])?.digest(&key)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn previous(&self, key: &DocumentKey) -> Option<KeyDigest> {
        self.previous
            .as_ref()
            .map(|h| KeyDigest(h.mac(&[KEY_DOMAIN, key.as_bytes()])))
    }

    /// The seal of a saved flow: a MAC over its id, revision, deadline and
    /// state, so that a store can refuse a row edited behind its back.
    ///
    /// ```
    /// use realname::store::Keyring;
    /// let ring = Keyring::new(&[1; 32])?;
    /// assert_ne!(ring.seal("f-1", 1, None, b"{}"), ring.seal("f-1", 2, None, b"{}"));
    /// # Ok::<(), realname::store::WeakSecret>(())
    /// ```
    #[must_use]
    pub fn seal(
        &self,
        id: &str,
        revision: u64,
        next_deadline: Option<i64>,
        state: &[u8],
    ) -> [u8; 32] {
        seal_with(&self.current, id, revision, next_deadline, state)
    }

    /// Whether `tag` is the seal of this flow under the current secret or,
    /// while rotating, the previous one. The comparison takes the same
    /// time wherever the tags differ.
    ///
    /// ```
    /// use realname::store::Keyring;
    /// let ring = Keyring::new(&[1; 32])?;
    /// let tag = ring.seal("f-1", 1, Some(1_700_000_000), b"{}");
    /// assert!(ring.verify("f-1", 1, Some(1_700_000_000), b"{}", &tag));
    /// assert!(!ring.verify("f-1", 1, None, b"{}", &tag));
    /// # Ok::<(), realname::store::WeakSecret>(())
    /// ```
    #[must_use]
    pub fn verify(
        &self,
        id: &str,
        revision: u64,
        next_deadline: Option<i64>,
        state: &[u8],
        tag: &[u8],
    ) -> bool {
        let same = |h: &Hmac| {
            let want = seal_with(h, id, revision, next_deadline, state);
            tag.len() == want.len()
                && want.iter().zip(tag).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
        };
        same(&self.current) || self.previous.as_ref().is_some_and(same)
    }
}

fn seal_with(
    h: &Hmac,
    id: &str,
    revision: u64,
    next_deadline: Option<i64>,
    state: &[u8],
) -> [u8; 32] {
    // Every field is length-prefixed or fixed-width, so no two records
    // give the same input.
    let id_len = (id.len() as u64).to_be_bytes();
    let deadline = match next_deadline {
        Some(t) => {
            let mut b = [0u8; 9];
            for (dst, src) in b.iter_mut().zip(core::iter::once(1).chain(t.to_be_bytes())) {
                *dst = src;
            }
            b
        }
        None => [0u8; 9],
    };
    h.mac(&[
        FLOW_DOMAIN,
        &id_len,
        id.as_bytes(),
        &revision.to_be_bytes(),
        &deadline,
        state,
    ])
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("rotating", &self.previous.is_some())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_vectors() {
        // FIPS 180-4 examples and the NIST short/long messages.
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&sha256(&vec![b'a'; 1_000_000])),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
        // Fed in pieces across block boundaries.
        let mut h = Sha256::new();
        for chunk in vec![b'a'; 1_000_000].chunks(63) {
            h.update(chunk);
        }
        assert_eq!(
            hex(&h.finish()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn hmac_rfc4231() {
        let cases: [(&[u8], &[u8], &str); 5] = [
            (
                &[0x0b; 20],
                b"Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &[0xaa; 20],
                &[0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &[0xaa; 131],
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, msg, want) in cases {
            assert_eq!(hex(&hmac_sha256(key, msg)), want);
        }
        let key: Vec<u8> = (1..=25).collect();
        assert_eq!(
            hex(&hmac_sha256(&key, &[0xcd; 50])),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        );
    }

    #[test]
    fn seal_fields_do_not_run_together() {
        let ring = Keyring::new(&[9; 32]).unwrap();
        assert_ne!(
            ring.seal("ab", 1, None, b"c"),
            ring.seal("a", 1, None, b"bc")
        );
        assert_ne!(
            ring.seal("a", 1, Some(0), b""),
            ring.seal("a", 1, None, b"")
        );
        let tag = ring.seal("a", 1, None, b"x");
        assert!(!ring.verify("a", 1, None, b"x", &tag[..31]));
        let rotated = Keyring::rotating(&[8; 32], &[9; 32]).unwrap();
        assert!(rotated.verify("a", 1, None, b"x", &tag));
    }
}
