/*
 * A name for the admin's autocomplete boxes (select2) while nothing is chosen.
 *
 * select2 shows the chosen value in an element with role="textbox" that it names by a title,
 * and removes the title while the box is empty: screen readers then meet a nameless field
 * (axe-core: aria-input-field-name). This names it by the placeholder shown instead
 * (NamedAutocompleteSelect in gutguide/admin.py sets one). A box for several choices
 * (NamedAutocompleteSelectMultiple) types into a search field that select2 leaves without a
 * label (axe-core: label): it is named by its select's placeholder too. It can go when
 * select2 names the empty box itself.
 */
"use strict";
{
    const nameBoxes = () => {
        for (const box of document.querySelectorAll(".select2-selection__rendered[role=textbox]")) {
            const placeholder = box.querySelector(".select2-selection__placeholder");
            const name = box.title || (placeholder && placeholder.textContent) || "";
            if (box.getAttribute("aria-label") !== name) {
                box.setAttribute("aria-label", name);
            }
        }
        for (const field of document.querySelectorAll(".select2-search--inline .select2-search__field")) {
            const select = field.closest(".select2-container")?.previousElementSibling;
            const name = (select && select.dataset.placeholder) || "";
            if (name && field.getAttribute("aria-label") !== name) {
                field.setAttribute("aria-label", name);
            }
        }
    };
    const start = () => {
        nameBoxes();
        new MutationObserver(nameBoxes).observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ["title"],
        });
    };
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start, { once: true });
    } else {
        start();
    }
}
