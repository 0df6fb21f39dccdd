//! [`DetectedKinds`]: the kinds [`detect`](super::detect) finds, held inline.

use std::fmt;
use std::ops::Deref;

use super::DocumentKind;

/// How many kinds there are: the capacity of [`DetectedKinds`].
const COUNT: usize = DocumentKind::ALL.len();

/// The kinds a number parses as, in the order [`DocumentKind::all`] ranks
/// them: what [`detect`](super::detect) answers.
///
/// Held inline (`Copy`, no heap), so that detecting allocates nothing. It
/// dereferences to a slice of kinds, iterates, and compares with arrays,
/// slices and vectors of kinds.
///
/// ```
/// use realname::{DocumentKind, detect};
///
/// let kinds = detect("51234568");
/// assert_eq!(kinds, [DocumentKind::TaiwanTravelPermit, DocumentKind::MacaoId]);
/// assert_eq!(kinds.first(), Some(&DocumentKind::TaiwanTravelPermit));
/// assert!(kinds.contains(&DocumentKind::MacaoId));
/// let ids: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
/// assert_eq!(ids, ["taiwan_travel_permit", "macao_id"]);
/// assert!(detect("not a number").is_empty());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DetectedKinds {
    kinds: [DocumentKind; COUNT],
    len: u8,
}

impl DetectedKinds {
    /// No kind.
    ///
    /// ```
    /// assert!(realname::DetectedKinds::new().is_empty());
    /// ```
    pub const fn new() -> Self {
        DetectedKinds {
            kinds: [DocumentKind::ResidentId; COUNT],
            len: 0,
        }
    }

    /// The kinds whose bits are set in `bits`, bit `i` standing for
    /// `DocumentKind::all()[i]`.
    pub(crate) fn from_bits(mut bits: u32) -> Self {
        let mut out = Self::new();
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let (Some(&kind), Some(slot)) = (
                DocumentKind::ALL.get(i),
                out.kinds.get_mut(usize::from(out.len)),
            ) {
                *slot = kind;
                out.len += 1;
            }
        }
        out
    }

    /// The kinds as a slice.
    ///
    /// ```
    /// let kinds = realname::detect("13812345678");
    /// assert_eq!(kinds.as_slice(), &[realname::DocumentKind::MobileNumber]);
    /// ```
    pub fn as_slice(&self) -> &[DocumentKind] {
        self.kinds.get(..usize::from(self.len)).unwrap_or_default()
    }
}

impl Default for DetectedKinds {
    /// No kind.
    fn default() -> Self {
        Self::new()
    }
}

impl Deref for DetectedKinds {
    type Target = [DocumentKind];

    fn deref(&self) -> &[DocumentKind] {
        self.as_slice()
    }
}

impl AsRef<[DocumentKind]> for DetectedKinds {
    fn as_ref(&self) -> &[DocumentKind] {
        self.as_slice()
    }
}

impl fmt::Debug for DetectedKinds {
    /// As the slice: `[ResidentId, Uscc]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<'a> IntoIterator for &'a DetectedKinds {
    type Item = &'a DocumentKind;
    type IntoIter = std::slice::Iter<'a, DocumentKind>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl IntoIterator for DetectedKinds {
    type Item = DocumentKind;
    type IntoIter = std::iter::Take<std::array::IntoIter<DocumentKind, COUNT>>;

    /// The kinds by value, in rank order.
    ///
    /// ```
    /// let kinds: Vec<_> = realname::detect("11010519491231002X").into_iter().collect();
    /// assert_eq!(kinds, [realname::DocumentKind::ResidentId]);
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        self.kinds.into_iter().take(usize::from(self.len))
    }
}

impl FromIterator<DocumentKind> for DetectedKinds {
    /// The kinds named, each once, in rank order (not the order given).
    ///
    /// ```
    /// use realname::{DetectedKinds, DocumentKind::*};
    /// let kinds: DetectedKinds = [Uscc, ResidentId, Uscc].into_iter().collect();
    /// assert_eq!(kinds, [ResidentId, Uscc]);
    /// ```
    fn from_iter<I: IntoIterator<Item = DocumentKind>>(iter: I) -> Self {
        let bits = iter.into_iter().fold(0u32, |bits, kind| {
            let place = DocumentKind::ALL.iter().position(|&k| k == kind);
            place.map_or(bits, |i| bits | 1 << i)
        });
        Self::from_bits(bits)
    }
}

impl PartialEq<[DocumentKind]> for DetectedKinds {
    fn eq(&self, other: &[DocumentKind]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<&[DocumentKind]> for DetectedKinds {
    fn eq(&self, other: &&[DocumentKind]) -> bool {
        self.as_slice() == *other
    }
}

impl<const N: usize> PartialEq<[DocumentKind; N]> for DetectedKinds {
    fn eq(&self, other: &[DocumentKind; N]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<Vec<DocumentKind>> for DetectedKinds {
    fn eq(&self, other: &Vec<DocumentKind>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<DetectedKinds> for Vec<DocumentKind> {
    fn eq(&self, other: &DetectedKinds) -> bool {
        self.as_slice() == other.as_slice()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_of_bits_keeps_rank_order() {
        for bits in [0u32, 1, 0b1011, (1 << COUNT) - 1, u32::MAX] {
            let kinds = DetectedKinds::from_bits(bits);
            let expected: Vec<DocumentKind> = DocumentKind::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| bits >> i & 1 == 1)
                .map(|(_, &k)| k)
                .collect();
            assert_eq!(kinds, expected);
            assert_eq!(kinds.into_iter().collect::<Vec<_>>(), expected);
            assert_eq!(kinds.iter().copied().collect::<DetectedKinds>(), kinds);
            assert_eq!(format!("{kinds:?}"), format!("{expected:?}"));
        }
    }
}
