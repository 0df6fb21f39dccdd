//! Uploads: file format, size.

use super::*;

/// Is this file acceptable for this method? The format is read from the
/// file name's extension (callers who hold the bytes can compare it with
/// [`FileFormat::sniff`]); sizes are in bytes. An empty file is never
/// acceptable; other rules refuse only where the profile states them.
///
/// The refusal never repeats the file's name or extension (a name such as
/// `身份证.张三丰` can hold personal data): it names the formats accepted.
///
/// # Errors
///
/// A [`Refusal`] with [`Reason::UploadEmpty`], [`Reason::UploadFormat`]
/// or [`Reason::UploadTooLarge`].
///
/// ```
/// use realname::policy::{MethodKind, Provider};
/// use realname::rules::check_upload;
///
/// let huawei = Provider::HuaweiInternational.profile();
/// assert!(check_upload(huawei, MethodKind::DocumentUpload, "passport.PDF", 2_000_000).is_ok());
/// let r = check_upload(huawei, MethodKind::DocumentUpload, "passport.heic", 2_000_000).unwrap_err();
/// assert_eq!(r.to_string(), "This file format is not accepted; use JPEG, BMP, PNG, PDF");
/// assert_eq!(r.to_string_zh(), "不支持该文件格式，仅支持 JPEG、BMP、PNG、PDF");
/// let r = check_upload(huawei, MethodKind::DocumentUpload, "passport.png", 11 * 1024 * 1024).unwrap_err();
/// assert_eq!(r.to_string_zh(), "文件大小 11 MB 超过上限 10 MB");
/// ```
pub fn check_upload(
    profile: &Profile,
    method: MethodKind,
    file_name: &str,
    size_bytes: u64,
) -> Result<(), Refusal> {
    if size_bytes == 0 {
        return Err(Refusal::new(Reason::UploadEmpty, None));
    }
    let Some(rule) = profile.upload_rule(method) else {
        return Ok(());
    };
    if let Some(formats) = rule.formats.sourced() {
        let found = FileFormat::from_file_name(file_name);
        if !found.is_some_and(|f| formats.value.contains(&f)) {
            return Err(Refusal::new(
                Reason::UploadFormat {
                    accepted: formats.value.clone(),
                },
                formats.source.clone(),
            ));
        }
    }
    if let Some(max) = rule.max_bytes.sourced()
        && size_bytes > max.value
    {
        return Err(Refusal::new(
            Reason::UploadTooLarge {
                bytes: size_bytes,
                max_bytes: max.value,
            },
            max.source.clone(),
        ));
    }
    Ok(())
}
