//! Where to go after signing in: the `next` of `/login?next=…`, followed only
//! when it names a page of this app.
//!
//! `next` comes from the address bar, so anyone can write it. A browser
//! reading an address against the app's origin (the WHATWG URL parser)
//! drops tabs and newlines anywhere, trims spaces and control characters,
//! reads `\` as `/`, takes `//host` or `/\host` as another host and `name:`
//! as a scheme: `/%09/evil.example` arrives here as `/<tab>/evil.example`
//! and would leave as `//evil.example`. So nothing is read that a browser
//! might read differently: only visible ASCII, no `\`, a path of one `/`
//! with no `%` in it, and then only a page of the route table
//! ([`Page::parse`]). What is followed is that page's own address
//! ([`Page::href`]), never the text as it came.
//!
//! ```ignore
//! assert_eq!(safe_next(Some("/register/owner?focus=nik")), "/register/owner?focus=nik");
//! assert_eq!(safe_next(Some("/\t/evil.example")), "/");
//! ```

use super::Page;

/// Where to go after signing in: the page `next` names when it is a page of
/// this app, else home (never another site).
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(app_page).unwrap_or(Page::Home).href()
}

/// The page of this app that `next` names, if it is one a browser would
/// read the same way (see the module's comment). The sign-in page itself
/// leads home: it is where the person is.
fn app_page(next: &str) -> Option<Page> {
    if !next.bytes().all(|byte| byte.is_ascii_graphic()) || next.contains('\\') {
        return None;
    }
    let path = next.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.starts_with("//") || path.contains('%') {
        return None;
    }
    match Page::parse(next)? {
        Page::Login { .. } => None,
        page => Some(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::Section;
    use crate::routes::RegisterPage;
    use proptest::prelude::*;

    /// Known open-redirect payloads (PayloadsAllTheThings' "Open Redirect",
    /// OWASP's cheat sheet, and the one issue 10 reproduced), as `next`
    /// arrives after the query is decoded.
    const PAYLOADS: &[&str] = &[
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "\t//evil.example",
        " //evil.example",
        "/ /evil.example",
        "/\u{0}/evil.example",
        "/\u{7f}/evil.example",
        "/\u{3000}/evil.example",
        "/\u{2028}/evil.example",
        "\u{ff0f}\u{ff0f}evil.example",
        "//evil.example",
        "///evil.example",
        "////evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\\/evil.example",
        "//evil.example/%2F..",
        "/%09/evil.example",
        "/%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%2f/evil.example",
        "/%252F%252Fevil.example",
        "https://evil.example",
        "http:evil.example",
        "http:/evil.example",
        "//evil.example@127.0.0.1",
        "/@evil.example",
        "@evil.example",
        "evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.domain)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/register/../../evil.example",
        "/register/owner/..\\..\\evil.example",
        "/login?next=//evil.example",
        "",
    ];

    #[test]
    fn no_known_open_redirect_leaves_home() {
        assert!(PAYLOADS.len() >= 15);
        for payload in PAYLOADS {
            assert_eq!(safe_next(Some(payload)), "/", "{payload:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn the_app_s_own_pages_are_followed_by_their_own_address() {
        assert_eq!(
            safe_next(Some("/register/owner?focus=nik&from=check")),
            "/register/owner?from=check&focus=nik"
        );
        assert_eq!(
            safe_next(Some("/register/bank/?utm=1#top")),
            Page::register(RegisterPage::Step(Section::Bank)).href()
        );
        assert_eq!(
            safe_next(Some("/register/check?focus=a%2Fb")),
            "/register/check?focus=a/b"
        );
        assert_eq!(safe_next(Some("/")), "/");
    }

    /// Text a hostile `next` is made of: slashes, backslashes, escapes,
    /// control characters, spaces, scheme and host marks, a slug.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = proptest::sample::select(vec![
            "/",
            "\\",
            "%",
            "%2F",
            "%5C",
            "%09",
            "%0A",
            "\t",
            "\n",
            "\r",
            " ",
            "\u{0}",
            "\u{7f}",
            "\u{3000}",
            ":",
            "@",
            "?",
            "#",
            "=",
            ".",
            "..",
            "evil.example",
            "register",
            "owner",
            "check",
            "login",
            "next",
            "https:",
            "javascript:",
        ]);
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    fn assert_stays_in_the_app(followed: &str) -> Result<(), TestCaseError> {
        prop_assert!(followed.starts_with('/'), "{followed:?}");
        prop_assert!(!followed.starts_with("//"), "{followed:?}");
        prop_assert!(!followed.contains('\\'), "{followed:?}");
        prop_assert!(followed.bytes().all(|byte| byte.is_ascii_graphic()));
        prop_assert!(Page::parse(followed).is_some(), "{followed:?}");
        Ok(())
    }

    proptest! {
        #[test]
        fn whatever_is_followed_is_a_page_of_this_app(next in hostile()) {
            assert_stays_in_the_app(&safe_next(Some(&next)))?;
        }

        #[test]
        fn any_text_at_all_is_followed_only_into_the_app(next in any::<String>()) {
            assert_stays_in_the_app(&safe_next(Some(&next)))?;
        }
    }
}
