//! Upload rules: file formats, sizes and image rules.

use super::*;

named_enum! {
    "policy";
    /// A kind of file.
    ///
    /// ```
    /// use realname::policy::FileFormat;
    /// assert_eq!(FileFormat::from_file_name("scan.JPG"), Some(FileFormat::Jpeg));
    /// assert_eq!(FileFormat::from_file_name("scan"), None);
    /// assert_eq!(FileFormat::sniff(b"%PDF-1.7"), Some(FileFormat::Pdf));
    /// ```
    FileFormat {
        /// JPEG (`.jpg`, `.jpeg`).
        Jpeg = "jpeg", "JPEG 图片", "JPEG";
        /// PNG.
        Png = "png", "PNG 图片", "PNG";
        /// BMP.
        Bmp = "bmp", "BMP 图片", "BMP";
        /// GIF.
        Gif = "gif", "GIF 图片", "GIF";
        /// PDF.
        Pdf = "pdf", "PDF 文档", "PDF";
    }
}

impl FileFormat {
    /// The format a file name's extension names, in any case; `None` for
    /// none or another.
    ///
    /// ```
    /// use realname::policy::FileFormat;
    /// assert_eq!(FileFormat::from_file_name("证件.jpeg"), Some(FileFormat::Jpeg));
    /// assert_eq!(FileFormat::from_file_name("a.docx"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<FileFormat> {
        let (_, ext) = name.rsplit_once('.')?;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("jpg") || is("jpeg") {
            Some(FileFormat::Jpeg)
        } else if is("png") {
            Some(FileFormat::Png)
        } else if is("bmp") {
            Some(FileFormat::Bmp)
        } else if is("gif") {
            Some(FileFormat::Gif)
        } else if is("pdf") {
            Some(FileFormat::Pdf)
        } else {
            None
        }
    }

    /// The format a file's first bytes show (its magic number); `None` for
    /// another or too few bytes.
    ///
    /// ```
    /// use realname::policy::FileFormat;
    /// assert_eq!(FileFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileFormat::Jpeg));
    /// assert_eq!(FileFormat::sniff(b""), None);
    /// ```
    pub fn sniff(head: &[u8]) -> Option<FileFormat> {
        const MAGIC: [(&[u8], FileFormat); 6] = [
            (&[0xFF, 0xD8, 0xFF], FileFormat::Jpeg),
            (b"\x89PNG\r\n\x1a\n", FileFormat::Png),
            (b"BM", FileFormat::Bmp),
            (b"GIF87a", FileFormat::Gif),
            (b"GIF89a", FileFormat::Gif),
            (b"%PDF-", FileFormat::Pdf),
        ];
        MAGIC
            .iter()
            .find(|(magic, _)| head.starts_with(magic))
            .map(|(_, format)| *format)
    }
}

named_enum! {
    "policy";
    /// A rule an uploaded image must follow.
    ///
    /// ```
    /// assert_eq!(realname::policy::ImageRule::NoHeadwear.name_zh(), "免冠");
    /// ```
    ImageRule {
        /// The applicant holds the document, front side shown.
        HandheldFrontSide = "handheld_front_side", "手持证件正面", "holding the document, front side shown";
        /// Everything on the document can be read.
        AllInformationVisible = "all_information_visible", "证件信息清晰可见", "all information visible";
        /// No hat or headwear.
        NoHeadwear = "no_headwear", "免冠", "no headwear";
        /// The face (and, for Huawei, the arms) can be seen.
        FaceVisible = "face_visible", "五官可见", "face visible";
        /// An original, unedited photo.
        Unmodified = "unmodified", "原始照片，未经修改", "original, unmodified";
        /// In colour: an original photo, a colour scan or a copy with a
        /// fresh seal.
        Colour = "colour", "彩色原件、扫描件或加盖鲜章的复印件", "colour original, scan or freshly sealed copy";
        /// No electronic seal.
        NoElectronicSeal = "no_electronic_seal", "不支持电子章", "no electronic seal";
        /// Not re-photographed, screenshotted, mirrored or edited.
        NoScreenshotOrEdit = "no_screenshot_or_edit", "不得翻拍、截图、镜像、PS", "no re-photographs, screenshots, mirroring or edits";
    }
}

/// Rules for the files a method uploads, or, with no method named, for
/// uploads the provider describes without saying which method makes them.
///
/// ```
/// use realname::policy::{FileFormat, MethodKind, Provider};
/// let baidu = Provider::Baidu.profile();
/// // Baidu's rules for certificate images name no method.
/// let rule = &baidu.uploads[0];
/// assert!(rule.methods.is_empty());
/// assert_eq!(rule.formats.value().unwrap(), &[FileFormat::Jpeg, FileFormat::Png]);
/// assert!(baidu.upload_rule(MethodKind::LegalRepresentativeFace).is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct UploadRule {
    /// The methods it applies to; empty: the provider does not say which
    /// (such a rule is never returned by
    /// [`ProfileData::upload_rule`](super::ProfileData::upload_rule), and
    /// so refuses no upload of a method).
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub methods: Vec<MethodKind>,
    /// The formats accepted.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Stated::is_not_stated",
            deserialize_with = "crate::policy::limits::bounded::stated_vec"
        )
    )]
    pub formats: Stated<Vec<FileFormat>>,
    /// The largest file, in bytes (a provider's "MB" is read as 1,048,576
    /// bytes).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Stated::is_not_stated")
    )]
    pub max_bytes: Stated<u64>,
    /// What the image must show.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "crate::policy::limits::bounded::vec"
        )
    )]
    pub image: Vec<Sourced<ImageRule>>,
}

impl UploadRule {
    /// A rule for the files of `methods`, with formats, size and image
    /// rules not stated.
    ///
    /// ```
    /// use realname::policy::{MethodKind, UploadRule};
    /// let rule = UploadRule::new(vec![MethodKind::DocumentUpload]);
    /// assert!(rule.max_bytes.is_not_stated());
    /// ```
    #[must_use]
    pub fn new(methods: Vec<MethodKind>) -> UploadRule {
        UploadRule {
            methods,
            formats: Stated::NotStated,
            max_bytes: Stated::NotStated,
            image: Vec::new(),
        }
    }
}
