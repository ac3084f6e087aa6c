//! Every user-visible string, in Bahasa Indonesia (the default) and English.
//!
//! A small typed catalog rather than `leptos_i18n`: a key is an enum variant,
//! so a typo is a compile error, and each language is one exhaustive `match`
//! in its own file (`id.rs`, `en.rs`), so a key missing from one language
//! does not compile. The catalog compiles to a jump table of static strings,
//! a few kilobytes of wasm, with no loader, no JSON parse at start-up and no
//! build script. The tests below check what the compiler can't: that no text
//! is empty and that both languages use the same `{placeholders}`;
//! `call_sites.rs` checks that every placeholder the code fills is there.
//!
//! In a view: `{tr(Key::HomeTitle)}` is reactive text that follows the
//! language switch; `use_i18n().lang` is the current [`Lang`].

#[cfg(test)]
mod call_sites;
pub mod catalog;
pub mod coop;
pub mod document_labels;
pub mod documents;
mod en;
pub mod forms;
pub mod home;
mod id;
pub mod issues;
pub mod profile_labels;
pub mod register;
pub mod sign_in;
pub mod tenders;

use leptos::prelude::*;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Every language, default first.
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The BCP 47 tag, used for `<html lang>` and stored on the device.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The language for a stored or browser-reported tag (`id`, `en-GB`, …).
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language: what the header's switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// The name of one user-visible text. The shell's texts and those
        /// several areas share are variants; an area's own texts are one
        /// variant holding that area's key, written `Key::Name` all the
        /// same (see [`area_keys!`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($key,)*
            /// Signing in's own texts ([`sign_in`]).
            SignInArea(sign_in::SignInKey),
            /// Home's own texts ([`home`]).
            HomeArea(home::HomeKey),
            /// The forms' shared texts ([`forms`]).
            FormsArea(forms::FormsKey),
            /// The registration wizard's own texts ([`register`]).
            Register(register::RegisterKey),
            /// The catalog's own texts ([`catalog`]).
            Catalog(catalog::CatalogKey),
            /// The documents area's own texts ([`documents`]).
            Documents(documents::DocumentsKey),
            /// The tenders area's own texts ([`tenders`]).
            Tenders(tenders::TendersKey),
            /// The cooperative workspace's own texts ([`coop`]).
            Coop(coop::CoopKey),
        }

        impl Key {
            /// Every key of the shell's catalog (not the areas').
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

/// An area's own keys: `area_keys! { Variant, AreaKey { Name, … } }` makes
/// the enum `AreaKey` (with `ALL`) and, for each name, the constant
/// `Key::Name` (`Key::Variant(AreaKey::Name)`), so code writes an area's
/// texts as it writes the shell's, and may match on them.
macro_rules! area_keys {
    ($variant:ident, $name:ident { $($key:ident),* $(,)? }) => {
        /// The name of one of the area's texts.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every key of the area, for the parity tests.
            pub const ALL: &'static [$name] = &[$($name::$key),*];
        }

        #[allow(non_upper_case_globals)]
        impl super::Key {
            $(
                #[doc = concat!("`", stringify!($name), "::", stringify!($key), "`.")]
                pub const $key: super::Key = super::Key::$variant($name::$key);
            )*
        }

        // In the split build the area's Indonesian table is named only by
        // `install`, which the area's entry points call (`lazy.rs`): the
        // splitter then puts the table and its strings in the area's chunk,
        // not in the main module every page downloads.
        #[cfg(feature = "split")]
        thread_local! {
            static INDONESIAN: std::cell::Cell<Option<fn($name) -> &'static str>> =
                const { std::cell::Cell::new(None) };
        }

        /// Makes the area's Indonesian texts available. Every entry point
        /// into the area calls it first (`lazy.rs`); nothing outside the
        /// area's pages uses its keys (a test in `call_sites.rs` checks).
        pub fn install() {
            // `black_box`: otherwise LTO sees the one table ever stored and
            // calls it directly from `indonesian`, which keeps it in main.
            #[cfg(feature = "split")]
            INDONESIAN.with(|table| table.set(Some(std::hint::black_box(id::text))));
        }

        /// The area's text in Indonesian.
        pub(super) fn indonesian(key: $name) -> &'static str {
            #[cfg(feature = "split")]
            return INDONESIAN.with(std::cell::Cell::get).map_or(super::NOT_INSTALLED, |table| table(key));
            #[cfg(not(feature = "split"))]
            id::text(key)
        }
    };
}
use area_keys;

/// What an area's text would show if its table were not installed: never
/// seen while every entry point installs it, but not a panic if one forgot.
#[cfg(feature = "split")]
const NOT_INSTALLED: &str = "…";

keys! {
    SignOutPending,
    SignOutConfirmed,
    AppName,
    Tagline,
    SkipToContent,
    MainNavigation,
    SwitchLanguage,
    SwitchLanguageLabel,
    LoadingApp,
    FooterNote,
    NotFoundTitle,
    NotFoundBody,
    BackHome,
    CrashTitle,
    CrashBody,
    Reload,
    AreaNotLoadedTitle,
    AreaNotLoadedBody,
    TryAgain,
    Offline,
    BackOnline,
    UpdateReady,
    UpdateReload,
    ErrorOffline,
    ErrorNetwork,
    ErrorTimeout,
    ErrorUnauthorized,
    ErrorForbidden,
    ErrorNotFound,
    ErrorValidation,
    ErrorConflict,
    ErrorTooManyRequests,
    ErrorTooManyRequestsIn,
    ErrorServer,
    ErrorUnexpected,
    SignIn,
    SignOut,
    SignedInAs,
    Loading,
    ErrorSummaryTitle,
    ErrorPrefix,
    PhoneEmpty,
    PhoneInvalidCharacter,
    PhoneNotIndonesian,
    PhoneNotMobile,
    PhoneUnknownOperator,
    PhoneTooShort,
    PhoneTooLong,
    ResendIn,
    StaffNameLabel,
    StaffNameHint,
    StaffNameEmpty,
    StatusDone,
    VerificationDraft,
    VerificationSubmitted,
    VerificationInReview,
    VerificationApproved,
    VerificationChangesRequested,
    StaffTitle,
    StaffEmpty,
    TimeoutTitle,
    TimeoutBody,
    StaySignedIn,
    ExpiredTitle,
    ExpiredBody,
    FieldBusinessName,
    FieldNib,
    FieldNpwp,
    FieldNik,
    FieldOwnerName,
    FieldAccountNumber,
    FieldAnnualSales,
    FieldBankName,
    FieldCapital,
    FieldDistrict,
    FieldEmail,
    FieldHolderName,
    FieldKbli,
    FieldLegalForm,
    FieldPhone,
    FieldPkp,
    FieldPostalCode,
    FieldProvince,
    FieldRegency,
    FieldStreet,
    FieldVillage,
    FixThis,
    SearchIn,
    MemberPending,
    IssueFromServer,
    IssueMoneyCents,
    IssueMoneyNotANumber,
    IssueMoneyTooLarge,
    IssueRequiredAnswer,
    IssueRequiredChoose,
    IssueRequiredType,
    IssueTooLong,
    IssueNotDigits,
    IssueLengthExact,
    IssueLengthRange,
    IssueChecksum,
    IssueBirthDate,
    IssueRegion,
    KindNib,
    KindNpwp,
    KindKtp,
    KindBankProof,
    KindHalal,
    KindPirt,
    KindBpom,
    KindSni,
    KindTkdn,
    KindIso,
    KindOther,
    DocStatusUploaded,
    DocStatusInReview,
    DocStatusVerified,
    DocStatusRejected,
    DocStatusExpired,
    DocRejectedNote,
    DocExpiredNote,
    DocExpiresSoonNote,
    PhotoHeic,
    PhotoUnreadable,
    PhotoDamaged,
    PhotoTooDetailed,
    PhotoUnsupported,
    ChooseOne,
    Cancel,
    Pages,
    PageOf,
    PreviousPage,
    NextPage,
    ActingRegion,
    ActingFor,
    StopActing,
    StopActingFailed,
    Search,
}

/// The text of `key` in `lang`.
pub fn text(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Id => indonesian(key),
        Lang::En => english(key),
    }
}

/// Indonesian: the shell's table, or the key's area's.
fn indonesian(key: Key) -> &'static str {
    match key {
        Key::SignInArea(key) => sign_in::indonesian(key),
        Key::HomeArea(key) => home::indonesian(key),
        Key::FormsArea(key) => forms::indonesian(key),
        Key::Register(key) => register::indonesian(key),
        Key::Catalog(key) => catalog::indonesian(key),
        Key::Documents(key) => documents::indonesian(key),
        Key::Tenders(key) => tenders::indonesian(key),
        Key::Coop(key) => coop::indonesian(key),
        key => id::text(key),
    }
}

/// English's tables, the areas' included: all of them come in English's
/// chunk.
fn english_text(key: Key) -> &'static str {
    match key {
        Key::SignInArea(key) => sign_in::en::text(key),
        Key::HomeArea(key) => home::en::text(key),
        Key::FormsArea(key) => forms::en::text(key),
        Key::Register(key) => register::en::text(key),
        Key::Catalog(key) => catalog::en::text(key),
        Key::Documents(key) => documents::en::text(key),
        Key::Tenders(key) => tenders::en::text(key),
        Key::Coop(key) => coop::en::text(key),
        key => en::text(key),
    }
}

/// English, in a build that loads it on demand: the table once
/// [`load`] has fetched it, Indonesian until then (never shown, since the
/// language only switches once the table is here).
#[cfg(feature = "split")]
fn english(key: Key) -> &'static str {
    ENGLISH
        .with(std::cell::Cell::get)
        .map_or_else(|| indonesian(key), |table| table(key))
}
#[cfg(not(feature = "split"))]
fn english(key: Key) -> &'static str {
    english_text(key)
}

/// One language's texts: a key's text.
#[cfg(feature = "split")]
type Texts = fn(Key) -> &'static str;

#[cfg(feature = "split")]
thread_local! {
    static ENGLISH: std::cell::Cell<Option<Texts>> =
        const { std::cell::Cell::new(None) };
}

/// English is a lazily loaded chunk of its own in the release build: a
/// person who reads Indonesian never downloads it.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(lang_en, wasm_split_path = ::leptos::wasm_split, fallible)]
fn english_table() -> Result<Texts, leptos::wasm_split::SplitLoaderError> {
    Ok(english_text)
}

/// Makes `lang`'s texts available; false when they could not be fetched
/// (offline on first use). Indonesian is always here.
pub async fn load(lang: Lang) -> bool {
    #[cfg(feature = "split")]
    if lang == Lang::En && ENGLISH.with(std::cell::Cell::get).is_none() {
        match english_table().await {
            Ok(table) => ENGLISH.with(|english| english.set(Some(table))),
            Err(_) => return false,
        }
    }
    let _ = lang;
    true
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A date as `29 Nov 2026` (`29 Agu 2026` in Indonesian).
pub fn date_short(lang: Lang, day: u32, month: u32, year: u32) -> String {
    const ID: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let names = match lang {
        Lang::Id => ID,
        Lang::En => EN,
    };
    let name = names.get(month.wrapping_sub(1) as usize).unwrap_or(&"?");
    format!("{day} {name} {year}")
}

/// A text with its placeholder values, rendered in whatever language is current.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub key: Key,
    /// Values for its `{placeholders}`.
    pub values: Vec<(&'static str, String)>,
    /// A field's name for its `{field}` placeholder, in the same language.
    pub field: Option<Key>,
}

impl Message {
    /// A message without placeholders.
    pub fn new(key: Key) -> Message {
        Message {
            key,
            values: Vec::new(),
            field: None,
        }
    }

    /// A message with one placeholder filled.
    pub fn with(key: Key, name: &'static str, value: impl ToString) -> Message {
        Message::new(key).and(name, value)
    }

    /// This message with one more placeholder filled.
    pub fn and(mut self, name: &'static str, value: impl ToString) -> Message {
        self.values.push((name, value.to_string()));
        self
    }

    /// This message about the field called `label` (its `{field}`).
    pub fn about(mut self, label: Key) -> Message {
        self.field = Some(label);
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut values: Vec<(&str, &str)> = self
            .values
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        if let Some(label) = self.field {
            values.push(("field", text(lang, label)));
        }
        fill(text(lang, self.key), &values)
    }
}

impl From<Key> for Message {
    fn from(key: Key) -> Message {
        Message::new(key)
    }
}

/// The app's language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    /// The language the app speaks now.
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Switches to `lang` once its texts are here (at once for Indonesian;
    /// English is fetched the first time). Offline, the switch waits for the
    /// next try.
    pub fn choose(self, lang: Lang) {
        leptos::task::spawn_local(async move {
            if load(lang).await {
                self.lang.set(lang);
            }
        });
    }

    /// The text of `key` in the current language (tracks the language).
    pub fn t(self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }
}

/// The `I18n` context that `app::provide_i18n` set up.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Reactive text for `key`: use it as a child or an attribute value in `view!`.
/// It finds the language where the view is built; inside a closure that runs
/// later (a view that changes), use the `I18n` the component took at its start
/// (`i18n.t(key)`): a closure running while its page is torn down finds no
/// context.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    /// Every key: the shell's and each area's.
    pub(super) fn every_key() -> Vec<Key> {
        let sign_in = sign_in::SignInKey::ALL
            .iter()
            .map(|&key| Key::SignInArea(key));
        let home = home::HomeKey::ALL.iter().map(|&key| Key::HomeArea(key));
        let forms = forms::FormsKey::ALL.iter().map(|&key| Key::FormsArea(key));
        let register = register::RegisterKey::ALL
            .iter()
            .map(|&key| Key::Register(key));
        let catalog = catalog::CatalogKey::ALL
            .iter()
            .map(|&key| Key::Catalog(key));
        let documents = documents::DocumentsKey::ALL
            .iter()
            .map(|&key| Key::Documents(key));
        let tenders = tenders::TendersKey::ALL
            .iter()
            .map(|&key| Key::Tenders(key));
        Key::ALL
            .iter()
            .copied()
            .chain(sign_in)
            .chain(home)
            .chain(forms)
            .chain(register)
            .chain(catalog)
            .chain(documents)
            .chain(tenders)
            .chain(coop::CoopKey::ALL.iter().map(|&key| Key::Coop(key)))
            .collect()
    }

    #[test]
    fn every_key_has_text_in_every_language() {
        for key in every_key() {
            for lang in Lang::ALL {
                assert!(
                    !text(lang, key).trim().is_empty(),
                    "{key:?} has no {} text",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for key in every_key() {
            assert_eq!(
                placeholders(text(Lang::Id, key)),
                placeholders(text(Lang::En, key)),
                "{key:?} has different placeholders in id and en"
            );
        }
    }

    #[test]
    fn language_tags_round_trip_and_regional_tags_are_understood() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("id_ID"), Some(Lang::Id));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn dates_read_day_month_year_in_each_language() {
        assert_eq!(date_short(Lang::Id, 5, 8, 1985), "5 Agu 1985");
        assert_eq!(date_short(Lang::En, 29, 11, 2026), "29 Nov 2026");
        assert_eq!(date_short(Lang::En, 1, 13, 2026), "1 ? 2026");
    }

    #[test]
    fn fill_replaces_every_named_placeholder() {
        assert_eq!(
            fill(
                "Coba lagi dalam {seconds} detik ({seconds})",
                &[("seconds", "30")]
            ),
            "Coba lagi dalam 30 detik (30)"
        );
    }
}
