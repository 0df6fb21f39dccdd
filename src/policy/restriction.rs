//! What an individual account may not do.

use super::*;

named_enum! {
    "policy";
    /// Something an account may do.
    ///
    /// ```
    /// assert_eq!(realname::policy::Capability::VatSpecialInvoice.name_zh(), "增值税专用发票");
    /// ```
    Capability {
        /// Asking for special VAT invoices.
        VatSpecialInvoice = "vat_special_invoice", "增值税专用发票", "special VAT invoices";
        /// The SMS service.
        SmsService = "sms_service", "短信服务", "SMS service";
        /// Traffic of the live streaming and video-on-demand services.
        LiveAndVodTraffic = "live_and_vod_traffic", "直播与点播流量", "live streaming and video-on-demand traffic";
        /// Promotions meant for enterprises.
        EnterprisePromotions = "enterprise_promotions", "企业类运营活动", "enterprise promotions";
    }
}

/// How far an individual account is held back.
///
/// ```
/// assert_ne!(realname::policy::Access::Denied, realname::policy::Access::LimitedGb(100));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Access {
    /// Not at all.
    Denied,
    /// Up to this many gigabytes (the period is not stated).
    LimitedGb(u32),
}

/// Something an individual account may not do, or only in part.
///
/// ```
/// use realname::policy::{Access, Capability, Provider};
/// let r = &Provider::Baidu.profile().individual_restrictions[0].value;
/// assert_eq!((r.capability, r.access), (Capability::VatSpecialInvoice, Access::Denied));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct Restriction {
    /// What.
    pub capability: Capability,
    /// How far.
    pub access: Access,
}

impl Restriction {
    /// An individual account may use `capability` only as far as `access`.
    ///
    /// ```
    /// use realname::policy::{Access, Capability, Restriction};
    /// let r = Restriction::new(Capability::SmsService, Access::Denied);
    /// assert_eq!(r.access, Access::Denied);
    /// ```
    #[must_use]
    pub const fn new(capability: Capability, access: Access) -> Restriction {
        Restriction { capability, access }
    }
}
