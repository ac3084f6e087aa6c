//! Checks the catalog against the code that uses it: every `{placeholder}`
//! a call site fills (`Message::with(Key::X, "name", …)`, `.and("name", …)`)
//! is in that key's text in every language, and a message built
//! `.about(label)` has a `{field}` for the label. Reads `src/` as text; a
//! call whose key or placeholder name is not written out literally cannot be
//! checked here and fails, so it is either written literally or checked by a
//! test of its own (as `pages::register::messages` does for `issue_message`).

use std::path::Path;

use super::{text, Key, Lang};

/// One `Message` built in the code, as written.
#[derive(Debug, PartialEq, Eq)]
struct Call {
    /// Where: `file:line`.
    at: String,
    /// The key's variant name, `None` when not written `Key::Name`.
    key: Option<String>,
    /// The placeholder names filled, `None` for one not written `"name"`.
    names: Vec<Option<String>>,
    /// Whether `.about(label)` fills its `{field}`.
    about: bool,
}

/// The index just past the `)` that closes the `(` before `start`.
fn close_paren(source: &str, start: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 1;
    let mut index = start;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'"' => {
                index += 1;
                while let Some(&inner) = bytes.get(index) {
                    match inner {
                        b'\\' => index += 1,
                        b'"' => break,
                        _ => {}
                    }
                    index += 1;
                }
            }
            b'\'' if bytes.get(index + 2) == Some(&b'\'') => index += 2,
            b'\'' if bytes.get(index + 1) == Some(&b'\\') => index += 3,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(index + 1);
                }
            }
            _ => {}
        }
        index += 1;
    }
    None
}

/// The arguments between `(` (just before `start`) and its `)`, split at the
/// top level's commas, and the index after the `)`.
fn arguments(source: &str, start: usize) -> Option<(Vec<&str>, usize)> {
    let end = close_paren(source, start)?;
    let inside = &source[start..end - 1];
    let mut parts = Vec::new();
    let mut from = 0;
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (index, character) in inside.char_indices() {
        match character {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(inside[from..index].trim());
                from = index + 1;
            }
            _ => {}
        }
    }
    let last = inside[from..].trim();
    if !last.is_empty() {
        parts.push(last);
    }
    Some((parts, end))
}

/// `"name"` → `name`; anything else (a variable, an expression) → `None`.
fn literal(argument: Option<&&str>) -> Option<String> {
    let inner = argument?.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains(['"', '\\'])).then(|| inner.to_owned())
}

/// `Key::Name` → `Name`.
fn key_name(argument: Option<&&str>) -> Option<String> {
    let name = argument?.strip_prefix("Key::")?;
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric());
    plain.then(|| name.to_owned())
}

/// Every `Message::with(…)` and `Message::new(…)` in `source`, with the
/// `.and(…)` and `.about(…)` chained right after it.
fn calls_in(file: &str, source: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    for (start, constructor) in source
        .match_indices("Message::with(")
        .chain(source.match_indices("Message::new("))
    {
        let Some((arguments_of, mut after)) = arguments(source, start + constructor.len()) else {
            continue;
        };
        let line = source[..start].matches('\n').count() + 1;
        let mut call = Call {
            at: format!("{file}:{line}"),
            key: key_name(arguments_of.first()),
            names: Vec::new(),
            about: false,
        };
        if constructor == "Message::with(" {
            call.names.push(literal(arguments_of.get(1)));
        }
        loop {
            let rest = source[after..].trim_start();
            let skipped = source.len() - after - rest.len();
            let (chained, about) = if rest.starts_with(".and(") {
                (".and(", false)
            } else if rest.starts_with(".about(") {
                (".about(", true)
            } else {
                break;
            };
            let open = after + skipped + chained.len();
            let Some((arguments_of, end)) = arguments(source, open) else {
                break;
            };
            if about {
                call.about = true;
            } else {
                call.names.push(literal(arguments_of.first()));
            }
            after = end;
        }
        calls.push(call);
    }
    calls
}

/// Each `.rs` file under `dir` but the catalog's own (`i18n/`, which
/// defines `Message` and the keys), as its path relative to `root` and its
/// text.
fn sources_under(root: &Path, dir: &Path, sources: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("i18n") {
            sources_under(root, &path, sources);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let shown = path.strip_prefix(root).unwrap_or(&path).display();
            sources.push((shown.to_string(), source));
        }
    }
}

/// Every `.rs` file of the app but the catalog's own.
fn app_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    sources_under(root, &root.join("src"), &mut sources);
    sources
}

/// The key written `Key::<name>` in the code (an area's keys too).
fn key_named(name: &str) -> Option<Key> {
    super::tests::every_key().into_iter().find(|key| {
        let written = match key {
            Key::SignInArea(key) => format!("{key:?}"),
            Key::HomeArea(key) => format!("{key:?}"),
            Key::FormsArea(key) => format!("{key:?}"),
            Key::Register(key) => format!("{key:?}"),
            Key::Catalog(key) => format!("{key:?}"),
            Key::Documents(key) => format!("{key:?}"),
            Key::Tenders(key) => format!("{key:?}"),
            Key::Coop(key) => format!("{key:?}"),
            key => format!("{key:?}"),
        };
        written == name
    })
}

/// What is wrong with `call`, if anything.
fn problems(call: &Call) -> Vec<String> {
    let key = call.key.as_deref().and_then(key_named);
    let Some(key) = key else {
        if call.names.is_empty() && !call.about {
            return Vec::new();
        }
        return vec![format!("{}: the key is not written Key::Name", call.at)];
    };
    let mut wanted: Vec<String> = Vec::new();
    for name in &call.names {
        match name {
            Some(name) => wanted.push(name.clone()),
            None => {
                return vec![format!(
                    "{}: a placeholder name is not written literally",
                    call.at
                )]
            }
        }
    }
    if call.about {
        wanted.push("field".to_owned());
    }
    let mut found = Vec::new();
    for lang in Lang::ALL {
        for name in &wanted {
            if !text(lang, key).contains(&format!("{{{name}}}")) {
                found.push(format!(
                    "{}: {key:?} has no {{{name}}} in {}",
                    call.at,
                    lang.code()
                ));
            }
        }
    }
    found
}

#[test]
fn every_placeholder_a_call_site_fills_is_in_its_message() {
    let calls: Vec<Call> = app_sources()
        .iter()
        .flat_map(|(file, source)| calls_in(file, source))
        .collect();
    let filling = calls.iter().filter(|call| !call.names.is_empty()).count();
    assert!(
        filling >= 20,
        "the scan found only {filling} calls: {calls:#?}"
    );
    assert!(calls.iter().any(|call| call.about), "no .about(…) found");
    let wrong: Vec<String> = calls.iter().flat_map(problems).collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scan_reads_calls_across_lines_with_nested_arguments() {
    let source = r#"
        let a = Message::with(
                Key::TimeoutBody,
                "time",
                minutes(left.get().unwrap_or(0), ")"),
            )
            .and("extra", f(x, y))
            .render(lang);
        let b = Message::new(Key::SearchIn).about(legend);
        let c = Message::new(if typed { Key::A } else { Key::B });
        let d = Message::with(Key::ResendIn, name, 3);
    "#;
    let call = |line: usize, key: Option<&str>, names: &[Option<&str>], about: bool| Call {
        at: format!("x.rs:{line}"),
        key: key.map(str::to_owned),
        names: names.iter().map(|name| name.map(str::to_owned)).collect(),
        about,
    };
    assert_eq!(
        calls_in("x.rs", source),
        vec![
            call(
                2,
                Some("TimeoutBody"),
                &[Some("time"), Some("extra")],
                false
            ),
            call(11, Some("ResendIn"), &[None], false),
            call(9, Some("SearchIn"), &[], true),
            call(10, None, &[], false),
        ]
    );
}

#[test]
fn a_placeholder_missing_from_a_message_is_caught() {
    let source = r#"Message::with(Key::ResendIn, "secs", 3).about(label)"#;
    let found = problems(&calls_in("x.rs", source)[0]);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].contains("ResendIn has no {secs} in id"),
        "{found:?}"
    );
    let dynamic = r#"Message::with(Key::ResendIn, name, 3)"#;
    assert_eq!(problems(&calls_in("x.rs", dynamic)[0]).len(), 1);
}

/// Where code may use `key` (paths under the crate, folders ending in
/// `/`), for an area's own key; `None` for the shell's keys, which any
/// code may use.
fn allowed_in(key: Key) -> Option<&'static [&'static str]> {
    match key {
        Key::SignInArea(_) | Key::HomeArea(_) => Some(&["src/pages/account/"]),
        Key::FormsArea(_) => Some(&[
            "src/draft_sync.rs",
            "src/components/upload_progress.rs",
            "src/components/conflict_panel.rs",
            "src/components/lazy_part.rs",
        ]),
        Key::Register(_) => Some(&["src/pages/register/"]),
        Key::Catalog(_) => Some(&["src/pages/catalog/"]),
        Key::Documents(_) => Some(&["src/pages/documents/"]),
        Key::Tenders(_) => Some(&["src/pages/tenders/"]),
        Key::Coop(_) => Some(&["src/pages/coop/"]),
        _ => None,
    }
}

// In the release build an area's Indonesian texts come with the area's code:
// its entry points install them (`lazy.rs`). Code outside the area's pages
// could run before that and show "…", so it may not use them: a text two
// areas need is a shell key.
#[test]
fn an_areas_own_texts_are_used_only_by_its_pages() {
    let mut found = Vec::new();
    for (file, source) in app_sources() {
        for (start, _) in source.match_indices("Key::") {
            let name: String = source[start + "Key::".len()..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            found.push((file.clone(), name));
        }
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (file, name) in &found {
        let Some(key) = key_named(name) else {
            continue;
        };
        if let Some(places) = allowed_in(key) {
            checked += 1;
            if !places.iter().any(|place| file.starts_with(place)) {
                wrong.push(format!(
                    "{file}: Key::{name} is for {} only",
                    places.join(", ")
                ));
            }
        }
    }
    assert!(
        checked >= 200,
        "the scan found only {checked} uses of areas' texts"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
