//! Huawei Cloud, international site: seed 002 (individual real-name
//! authentication). The page covers individuals only; it states nothing of
//! organisations (so whether they are verified is not stated, not "not
//! offered"), changes, age or invoices, and its rules are not assumed for
//! Huawei Cloud's Chinese site.
//!
//! Choices where the seed is unclear:
//! - "ID card" is read as the identity cards the crate knows (mainland,
//!   Hong Kong, Macao, Taiwan); the residence permits of Hong Kong, Macao
//!   and Taiwan residents carry resident ID numbers.
//! - "within three working days" is at most 3 working days; "10 MB" is
//!   10 × 1,048,576 bytes.
//! - "requested to retry" (line 27) states no attempt limit.

use super::{Seed, complete, given, method, sourced};
use crate::policy::{
    AccountCap, CapKey, Decision, Factor as F, FileFormat, ImageRule, Limit, MethodKind as M,
    ProfileData, Qualifier, Requirement, ReviewTime, Subjects, TimeUnit, UploadRule,
};
use crate::{DocumentKind as D, SubjectKind};

pub(super) const S2: &str = "002_adfdc5c91064f6f9.txt";

pub(super) fn profile() -> ProfileData {
    let s2 = Seed(S2);
    let mut p = ProfileData::new("Huawei Cloud (international site)", "华为云国际站");
    // The page is about individuals; it says nothing of organisations,
    // which stay not stated (not "not served").
    p.subjects = Subjects::new()
        .with_individual(given(true, s2.at(1, "Individual Real-Name Authentication")));

    let mut upload = method(
        M::DocumentUpload,
        SubjectKind::Individual,
        s2.at(3, "Individual users can upload one of the following certificates for real-name authentication"),
        &[F::NameAndNumber, F::DocumentImage, F::HandheldPhoto],
    );
    upload.documents = given(
        complete(&[
            D::ChinesePassport,
            D::ForeignPassport,
            D::ResidentId,
            D::HongKongId,
            D::MacaoId,
            D::TaiwanId,
            D::HkMacaoTravelPermit,
            D::TaiwanTravelPermit,
            D::ForeignDrivingLicence,
        ]),
        s2.at(3, "passport, ID card, Mainland Travel Permit for Hong Kong and Macao Residents or for Taiwan Residents, Residence Permit for Hong Kong and Macao Residents or for Taiwan Residents, or non-Chinese driver license"),
    );
    upload.requirements = vec![
        sourced(
            Requirement::IssuedWhereRegistered,
            s2.at(7, "The address where the uploaded certificate was issued must be the same as the account registration address"),
        ),
        sourced(Requirement::ValidDocument, s2.at(8, "Your certificate must be valid")),
        sourced(
            Requirement::NotPartnerProgramMember,
            s2.at(17, "You cannot perform individual authentication if you have joined a partner program"),
        ),
    ];
    upload.decision = given(
        Decision::Manual,
        s2.at(26, "The authentication review will be completed"),
    );
    upload.review = given(
        ReviewTime::range(0, 3, TimeUnit::WorkingDays, Qualifier::AtMost),
        s2.at(26, "completed within three working days"),
    );
    p.methods = vec![upload];

    p.account_caps = vec![sourced(
        AccountCap {
            subject: SubjectKind::Individual,
            key: CapKey::DocumentNumber,
            limit: Limit::AtMost(3),
            raise: None,
            release: None,
        },
        s2.at(
            16,
            "Each certificate number can be used to authenticate a maximum of three accounts",
        ),
    )];

    p.uploads = vec![UploadRule {
        methods: vec![M::DocumentUpload],
        formats: given(
            vec![FileFormat::Jpeg, FileFormat::Bmp, FileFormat::Png, FileFormat::Pdf],
            s2.at(15, "Supported file formats include JPG, JPEG, BMP, PNG, and PDF"),
        ),
        max_bytes: given(10 * 1024 * 1024, s2.at(15, "Each file must not exceed 10 MB")),
        image: vec![
            sourced(
                ImageRule::HandheldFrontSide,
                s2.at(11, "Upload a photo of you holding your individual certificate showing the front side"),
            ),
            sourced(
                ImageRule::AllInformationVisible,
                s2.at(12, "All of the information on the certificate must be clearly visible"),
            ),
            sourced(ImageRule::FaceVisible, s2.at(13, "Your face and arms must be clearly visible")),
            sourced(ImageRule::NoHeadwear, s2.at(13, "with no headwear")),
            sourced(ImageRule::Unmodified, s2.at(14, "Upload an original, unmodified photo")),
        ],
    }];
    p
}
