//! The app's pages as a type: every link, redirect and test helper builds
//! its address with [`Page::href`], so a path is written once, here; the
//! shell reads the address with [`Page::parse`] (there are no other routes).
//!
//! ```ignore
//! <A href=Page::Home.href()>…</A>
//! let fix = Page::Register { step: RegisterPage::Step(Section::Business),
//!                            focus: Some("npwp".into()), from_check: false };
//! assert_eq!(fix.href(), "/register/business?focus=npwp");
//! ```

use crate::domain::document::DocumentKind;
use crate::domain::profile::Section;
use crate::domain::query_string::{encode, page_value, query_value};
pub use crate::domain::roster_query::RosterQuery;
use crate::domain::tender_query::TenderQuery;

mod next;
pub use next::safe_next;

/// A page of the app, with what its address carries in the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/`: what Rantai is for, or the signed-in person's tasks or members.
    Home,
    /// `/login?next=…`: sign in, then go to `next` (a path of this app).
    Login {
        /// Where to go after signing in.
        next: Option<String>,
    },
    /// `/register/<step>?from=check&focus=…`: a page of the registration wizard.
    Register {
        /// Which page of the wizard.
        step: RegisterPage,
        /// The field to put the cursor in (a field's name in its section).
        focus: Option<String>,
        /// Opened from check your answers: "Save and continue" returns there.
        from_check: bool,
    },
    /// `/products?q=…&page=…`: the catalog, searched and paged.
    Products {
        /// Words in the name or SKU (empty: every product).
        q: String,
        /// The page, from 1.
        page: u32,
    },
    /// `/products/new`: add a product.
    ProductNew,
    /// `/products/<id>`: edit a product.
    Product {
        /// Its id.
        id: i64,
    },
    /// `/products/import`: add products from a spreadsheet.
    ProductImport,
    /// `/documents`: the supplier's papers and certificates.
    Documents,
    /// `/documents/new?kind=…`: add a document, of a kind chosen already.
    DocumentNew {
        /// The kind to start with.
        kind: Option<DocumentKind>,
    },
    /// `/documents/<id>`: a document's details, or replace its file.
    Document {
        /// Its id.
        id: i64,
    },
    /// `/tenders?q=…&province=…`: tenders searched and filtered (public).
    Tenders {
        /// The search, its filters, order and page.
        query: TenderQuery,
    },
    /// `/tenders/saved?…`: the tenders this supplier saved.
    SavedTenders {
        /// Searched and paged the same way.
        query: TenderQuery,
    },
    /// `/tenders/<id>`: a tender in full, with the eligibility check.
    Tender {
        /// Its id.
        id: i64,
    },
    /// `/members?q=…&status=…&sort=…&page=…`: the cooperative's roster.
    Members {
        /// The search, its filter, order and page.
        query: RosterQuery,
    },
    /// `/members/new`: invite a member.
    MemberNew,
}

/// The cooperative workspace's pages (`pages::coop::render`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoopPage {
    /// `/members`
    Roster,
    /// `/members/new`
    AddMember,
}

/// The tenders area's pages (`pages::tenders::render`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TendersPage {
    /// `/tenders`
    List,
    /// `/tenders/saved`
    Saved,
    /// `/tenders/<id>`
    Detail,
}

/// The documents area's pages (`pages::documents::render_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentsPage {
    /// `/documents`
    Wallet,
    /// `/documents/new`
    New,
    /// `/documents/<id>`
    Edit,
}

/// The catalog's pages (`pages::catalog::render_*`). The product page reads
/// its id from the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogPage {
    /// `/products`
    List,
    /// `/products/new`
    New,
    /// `/products/<id>`
    Edit,
    /// `/products/import`
    Import,
}

/// The account area's pages (`pages::account::render_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountPage {
    /// `/`
    Home,
    /// `/login`
    Login,
    /// Not a page: signing in again in place once a session has ended (the
    /// session dialog's content, fetched only when a session does end).
    SignInAgain,
}

/// The registration wizard's pages (`pages::register::render`): one per
/// section of the profile, then check your answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterPage {
    /// The step that fills in one section.
    Step(Section),
    /// Check your answers and submit (the status page once submitted).
    Check,
}

impl RegisterPage {
    /// Every page of the wizard, in order.
    pub const ALL: [RegisterPage; 5] = [
        RegisterPage::Step(Section::Business),
        RegisterPage::Step(Section::Owner),
        RegisterPage::Step(Section::Address),
        RegisterPage::Step(Section::Bank),
        RegisterPage::Check,
    ];

    /// The last segment of its path.
    pub fn slug(self) -> &'static str {
        match self {
            RegisterPage::Step(section) => section.slug(),
            RegisterPage::Check => "check",
        }
    }

    fn from_slug(slug: &str) -> Option<RegisterPage> {
        match slug {
            "check" => Some(RegisterPage::Check),
            other => Section::from_slug(other).map(RegisterPage::Step),
        }
    }

    /// The step after this one (check your answers after the last section).
    pub fn next(self) -> RegisterPage {
        match self {
            RegisterPage::Step(section) => Section::ALL
                .get(section.step())
                .map_or(RegisterPage::Check, |next| RegisterPage::Step(*next)),
            RegisterPage::Check => RegisterPage::Check,
        }
    }
}

impl Page {
    /// The wizard page `step`, opened plainly (no field focused).
    pub fn register(step: RegisterPage) -> Page {
        Page::Register {
            step,
            focus: None,
            from_check: false,
        }
    }

    /// The address of this page, its query values percent-encoded.
    pub fn href(&self) -> String {
        match self {
            Page::Home => "/".to_owned(),
            Page::Login { next: None } => "/login".to_owned(),
            Page::Login { next: Some(next) } => format!("/login?next={}", encode(next)),
            Page::Register {
                step,
                focus,
                from_check,
            } => {
                let mut query = Vec::new();
                if *from_check {
                    query.push("from=check".to_owned());
                }
                if let Some(field) = focus {
                    query.push(format!("focus={}", encode(field)));
                }
                with_query(format!("/register/{}", step.slug()), &query)
            }
            Page::Products { q, page } => {
                let mut query = Vec::new();
                if !q.is_empty() {
                    query.push(format!("q={}", encode(q)));
                }
                if *page > 1 {
                    query.push(format!("page={page}"));
                }
                with_query("/products".to_owned(), &query)
            }
            Page::ProductNew => "/products/new".to_owned(),
            Page::Product { id } => format!("/products/{id}"),
            Page::ProductImport => "/products/import".to_owned(),
            Page::Documents => "/documents".to_owned(),
            Page::DocumentNew { kind: None } => "/documents/new".to_owned(),
            Page::DocumentNew { kind: Some(kind) } => {
                format!("/documents/new?kind={}", kind.code())
            }
            Page::Document { id } => format!("/documents/{id}"),
            Page::Tenders { query } => with_query("/tenders".to_owned(), &[query.to_query()]),
            Page::SavedTenders { query } => {
                with_query("/tenders/saved".to_owned(), &[query.to_query()])
            }
            Page::Tender { id } => format!("/tenders/{id}"),
            Page::Members { query } => with_query("/members".to_owned(), &[query.to_query()]),
            Page::MemberNew => "/members/new".to_owned(),
        }
    }

    /// The whole catalog, first page.
    pub fn products() -> Page {
        Page::Products {
            q: String::new(),
            page: 1,
        }
    }

    /// The page at `path_with_query` (`/register/owner?focus=nik`), or
    /// `None` for an address the app does not have (its not-found page).
    /// Like the router, one trailing `/` is allowed and a `#fragment` ignored.
    pub fn parse(path_with_query: &str) -> Option<Page> {
        let before_fragment = path_with_query.split('#').next().unwrap_or_default();
        let (path, query) = before_fragment
            .split_once('?')
            .unwrap_or((before_fragment, ""));
        let path = match path.strip_suffix('/') {
            Some(trimmed) if !trimmed.is_empty() => trimmed,
            _ => path,
        };
        let value = |name: &str| query_value(query, name);
        match path {
            "/" => Some(Page::Home),
            "/login" => Some(Page::Login {
                next: value("next"),
            }),
            "/products" => Some(Page::Products {
                q: value("q").unwrap_or_default(),
                page: page_value(query),
            }),
            "/products/new" => Some(Page::ProductNew),
            "/products/import" => Some(Page::ProductImport),
            "/documents" => Some(Page::Documents),
            "/tenders" => Some(Page::Tenders {
                query: TenderQuery::parse(query),
            }),
            "/members" => Some(Page::Members {
                query: RosterQuery::parse(query),
            }),
            "/members/new" => Some(Page::MemberNew),
            "/tenders/saved" => Some(Page::SavedTenders {
                query: TenderQuery::parse(query),
            }),
            "/documents/new" => Some(Page::DocumentNew {
                kind: value("kind").and_then(|code| DocumentKind::from_code(&code)),
            }),
            _ if path.starts_with("/products/") => {
                id_in(path.strip_prefix("/products/")?).map(|id| Page::Product { id })
            }
            _ if path.starts_with("/documents/") => {
                id_in(path.strip_prefix("/documents/")?).map(|id| Page::Document { id })
            }
            _ if path.starts_with("/tenders/") => {
                id_in(path.strip_prefix("/tenders/")?).map(|id| Page::Tender { id })
            }
            _ => {
                let slug = path.strip_prefix("/register/")?;
                Some(Page::Register {
                    step: RegisterPage::from_slug(slug)?,
                    focus: value("focus"),
                    from_check: value("from").as_deref() == Some("check"),
                })
            }
        }
    }
}

/// The id a path segment is: digits only, as the router's `:id` takes them.
fn id_in(segment: &str) -> Option<i64> {
    let digits =
        !segment.is_empty() && segment.len() <= 19 && segment.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| segment.parse().ok()).flatten()
}

/// `path` with its query parts joined (`path?a=1&b=2`), or just `path`.
fn with_query(path: String, query: &[String]) -> String {
    let query: Vec<&str> = query
        .iter()
        .map(String::as_str)
        .filter(|part| !part.is_empty())
        .collect();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// The id in the address of the page shown (`/products/<id>`,
/// `/documents/<id>`, `/tenders/<id>`), tracked; `None` on any other page.
pub fn use_id_in_address() -> leptos::prelude::Memo<Option<i64>> {
    use leptos::prelude::*;
    let location = leptos_router::hooks::use_location();
    Memo::new(move |_| {
        location.pathname.with(|path| match Page::parse(path) {
            Some(Page::Product { id } | Page::Document { id } | Page::Tender { id }) => Some(id),
            _ => None,
        })
    })
}

/// `/login?next=…` for the page at `path` with its query (`search`, with
/// or without the leading `?`).
pub fn login_path(path: &str, search: &str) -> String {
    let query = match search {
        "" => String::new(),
        with_mark if with_mark.starts_with('?') => with_mark.to_owned(),
        without => format!("?{without}"),
    };
    Page::Login {
        next: Some(format!("{path}{query}")),
    }
    .href()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn every_page() -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Login { next: None },
            Page::Login {
                next: Some("/register/owner?focus=nik&from=check".into()),
            },
            Page::Login {
                next: Some("/tenders?q=batik sasirangan#top+100% ✓".into()),
            },
        ];
        pages.extend([
            Page::products(),
            Page::Products {
                q: "keripik tempe & 100%".into(),
                page: 3,
            },
            Page::ProductNew,
            Page::Product { id: 42 },
            Page::ProductImport,
            Page::Documents,
            Page::DocumentNew { kind: None },
            Page::DocumentNew {
                kind: Some(DocumentKind::BankProof),
            },
            Page::Document { id: 7 },
            Page::Tenders {
                query: TenderQuery::default(),
            },
            Page::Tenders {
                query: TenderQuery::parse("q=batik tulis&province=34&status=open&page=2"),
            },
            Page::SavedTenders {
                query: TenderQuery::default(),
            },
            Page::Tender { id: 12 },
            Page::Members {
                query: RosterQuery::default(),
            },
            Page::Members {
                query: RosterQuery::parse("q=sari rasa&status=pending&sort=name&page=3"),
            },
            Page::MemberNew,
        ]);
        for step in RegisterPage::ALL {
            pages.push(Page::register(step));
            pages.push(Page::Register {
                step,
                focus: Some("annual_sales".into()),
                from_check: true,
            });
            pages.push(Page::Register {
                step,
                focus: Some("a&b=c?d#e f+g%2Fh/ñ".into()),
                from_check: false,
            });
        }
        pages
    }

    #[test]
    fn every_page_parses_back_from_its_href() {
        for page in every_page() {
            assert_eq!(Page::parse(&page.href()), Some(page.clone()), "{page:?}");
        }
    }

    #[test]
    fn the_addresses_are_the_ones_people_and_tests_know() {
        assert_eq!(Page::Home.href(), "/");
        assert_eq!(Page::Login { next: None }.href(), "/login");
        assert_eq!(
            Page::register(RegisterPage::Step(Section::Owner)).href(),
            "/register/owner"
        );
        assert_eq!(
            Page::Register {
                step: RegisterPage::Step(Section::Business),
                focus: Some("npwp".into()),
                from_check: true,
            }
            .href(),
            "/register/business?from=check&focus=npwp"
        );
        assert_eq!(
            Page::register(RegisterPage::Check).href(),
            "/register/check"
        );
        assert_eq!(Page::products().href(), "/products");
        assert_eq!(
            Page::Products {
                q: "batik tulis".into(),
                page: 2
            }
            .href(),
            "/products?q=batik%20tulis&page=2"
        );
        assert_eq!(Page::Product { id: 7 }.href(), "/products/7");
        assert_eq!(
            Page::DocumentNew {
                kind: Some(DocumentKind::Halal)
            }
            .href(),
            "/documents/new?kind=halal"
        );
        assert_eq!(Page::Document { id: 3 }.href(), "/documents/3");
        assert_eq!(
            Page::Tenders {
                query: TenderQuery::parse("province=34&q=keripik")
            }
            .href(),
            "/tenders?q=keripik&province=34"
        );
        assert_eq!(Page::Tender { id: 5 }.href(), "/tenders/5");
    }

    #[test]
    fn unknown_addresses_parse_to_nothing() {
        for path in [
            "",
            "login",
            "/logins",
            "/register",
            "/register/",
            "/register/nope",
            "/register/owner/extra",
            "/register//owner",
            "//register/owner",
            "/tenders/abc",
            "/tenders/saved/1",
            "/REGISTER/owner",
            "/products/abc",
            "/documents/abc",
            "/documents/1/2",
            "/products/-1",
            "/products/1/2",
            "/products/99999999999999999999",
        ] {
            assert_eq!(Page::parse(path), None, "{path}");
        }
    }

    #[test]
    fn the_router_s_leniencies_are_understood() {
        assert_eq!(
            Page::parse("/register/bank/?focus=x#top"),
            Some(Page::Register {
                step: RegisterPage::Step(Section::Bank),
                focus: Some("x".into()),
                from_check: false,
            })
        );
        assert_eq!(Page::parse("/?utm=1"), Some(Page::Home));
        assert_eq!(
            Page::parse("/login?next=%2Fa+b&next=/second"),
            Some(Page::Login {
                next: Some("/a b".into())
            })
        );
        assert_eq!(
            Page::parse("/register/check?from=elsewhere&focus=%zz"),
            Some(Page::Register {
                step: RegisterPage::Check,
                focus: Some("%zz".into()),
                from_check: false,
            })
        );
    }

    #[test]
    fn the_wizard_goes_through_the_sections_then_to_check_your_answers() {
        let mut step = RegisterPage::Step(Section::Business);
        let mut seen = vec![step];
        while step != RegisterPage::Check {
            step = step.next();
            seen.push(step);
        }
        assert_eq!(seen, RegisterPage::ALL);
    }

    #[test]
    fn the_page_and_its_query_ride_along_encoded() {
        assert_eq!(
            login_path("/register/owner", ""),
            "/login?next=/register/owner"
        );
        assert_eq!(
            login_path("/tenders", "?q=batik&page=2"),
            "/login?next=/tenders%3Fq%3Dbatik%26page%3D2"
        );
        assert_eq!(
            login_path("/tenders", "q=batik"),
            "/login?next=/tenders%3Fq%3Dbatik"
        );
    }

    fn any_step() -> impl Strategy<Value = RegisterPage> {
        proptest::sample::select(RegisterPage::ALL.to_vec())
    }

    #[test]
    fn a_page_number_that_is_not_one_is_the_first_page() {
        for path in [
            "/products?page=0",
            "/products?page=x",
            "/products?page=-2",
            "/products",
        ] {
            assert_eq!(Page::parse(path), Some(Page::products()), "{path}");
        }
    }

    proptest! {
        #[test]
        fn any_search_survives_the_round_trip(q in any::<String>(), page in 1u32..10_000) {
            let page = Page::Products { q, page };
            prop_assert_eq!(Page::parse(&page.href()), Some(page));
        }

        #[test]
        fn any_product_id_survives_the_round_trip(id in 0i64..i64::MAX) {
            let page = Page::Product { id };
            prop_assert_eq!(Page::parse(&page.href()), Some(page));
        }

        #[test]
        fn any_focus_survives_the_round_trip(
            step in any_step(),
            focus in proptest::option::of(any::<String>()),
            from_check in any::<bool>(),
        ) {
            let page = Page::Register { step, focus, from_check };
            prop_assert_eq!(Page::parse(&page.href()), Some(page));
        }

        #[test]
        fn any_next_survives_the_round_trip(next in proptest::option::of(any::<String>())) {
            let page = Page::Login { next };
            prop_assert_eq!(Page::parse(&page.href()), Some(page));
        }

        #[test]
        fn login_path_leads_back_to_the_page_it_came_from(
            step in any_step(),
            focus in proptest::option::of("[a-z_]{1,12}"),
        ) {
            let page = Page::Register { step, focus, from_check: false };
            let href = page.href();
            let (path, search) = href.split_once('?').unwrap_or((&href, ""));
            let back = Page::parse(&login_path(path, search));
            let next = match back {
                Some(Page::Login { next: Some(next) }) => next,
                other => panic!("not a sign-in page: {other:?}"),
            };
            prop_assert_eq!(Page::parse(&safe_next(Some(&next))), Some(page));
        }
    }
}
