//! Mounts the app. A panic (which aborts the wasm) reveals the static
//! "something went wrong" notice that `index.html` carries, instead of
//! leaving a frozen page.

fn main() {
    std::panic::set_hook(Box::new(|_| {
        if let Some(notice) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("fatal"))
        {
            let _ = notice.remove_attribute("hidden");
        }
    }));
    leptos::mount::mount_to_body(rantai::app::App);
    if let Some(loading) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("loading"))
    {
        loading.remove();
    }
}
