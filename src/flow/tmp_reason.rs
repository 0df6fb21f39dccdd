//! Placeholder until `policy::FailureReason` lands.

/// A reason an outside party gives for a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FailureReason {
    /// 未查到工商信息.
    NoRegistryRecord,
}

impl FailureReason {
    /// Chinese name.
    pub fn name_zh(&self) -> &'static str {
        "未查到工商信息"
    }
    /// English name.
    pub fn name_en(&self) -> &'static str {
        "no business registration record found"
    }
}
