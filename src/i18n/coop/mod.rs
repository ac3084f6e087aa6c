//! The cooperative workspace's own texts (`pages/coop/` uses them,
//! nothing else does). Code writes them `Key::Name` like any other text;
//! each is `Key::Coop(CoopKey::Name)`, one exhaustive `match` per language.

pub(super) mod en;
pub(super) mod id;

super::area_keys! {
    Coop,
    CoopKey {
    ActForMember,
    ActingFailed,
    AddMember,
    AddMemberIntro,
    AddMemberTitle,
    AnyMemberStatus,
    BackToMembers,
    CodeSentAgain,
    CodeSentToMember,
    ConfirmMember,
    ConfirmMemberTitle,
    MemberBusinessHint,
    MemberBusinessName,
    MemberCodeExpired,
    MemberCodeLabel,
    MemberCodeLocked,
    MemberCodeWait,
    MemberCodeWrong,
    MemberConfirmed,
    MemberCount,
    MemberDocumentsAttention,
    MemberHasNoSupplier,
    MemberLater,
    MemberOwnerMissing,
    MemberOwnerName,
    MemberPhone,
    MemberPhoneHint,
    MemberReasons,
    MemberSortBy,
    MemberStatusFilter,
    NoMembersMatch,
    SearchMembers,
    SendCodeAgain,
    SendInvitation,
    SortAttention,
    SortName,
    SortUpdated,
    StaffOnlyBody,
    StaffOnlyTitle,
    StepsDone,
    WithdrawInvitation,
    }
}
