/*
 * Live Markdown preview in admin inline rows added with "Add another".
 *
 * markdownx (4.0) starts its editors once, when the page has loaded, and skips every editor
 * marked with data-markdownx-init. It exports no constructor. Django's "Add another" clones
 * the hidden template row (".empty-form", ids with "__prefix__"): the copy carries the mark
 * but none of the listeners, so its preview would never update.
 *
 * So this script
 * - marks the template rows before markdownx starts, so markdownx leaves them alone;
 * - on Django's "formset:added" event, clears the mark in the new row and runs markdownx's
 *   start-up again by loading its (cached) script once more. That start-up only touches
 *   unmarked editors: the new row's.
 *
 * A file, not inline code: the site's CSP allows scripts from our own origin only.
 * It can go when markdownx starts editors in rows added later by itself.
 */
"use strict";
{
    const MARK = "data-markdownx-init";

    const markTemplateRows = () => {
        for (const editor of document.querySelectorAll(".empty-form .markdownx-editor")) {
            editor.setAttribute(MARK, "");
        }
    };

    const startMarkdownx = () => {
        const loaded = document.querySelector('script[src*="markdownx/js/markdownx"]');
        if (!loaded) {
            return;
        }
        const script = document.createElement("script");
        script.src = loaded.src;
        script.addEventListener("load", () => script.remove());
        document.head.append(script);
    };

    if (document.readyState === "loading") {
        // markdownx waits for DOMContentLoaded on document; a capturing listener on window
        // runs before it.
        window.addEventListener("DOMContentLoaded", markTemplateRows, {
            capture: true,
            once: true,
        });
    }

    document.addEventListener("formset:added", (event) => {
        const editors = event.target.querySelectorAll(".markdownx .markdownx-editor");
        if (editors.length === 0) {
            return;
        }
        for (const editor of editors) {
            editor.removeAttribute(MARK);
        }
        startMarkdownx();
    });
}
