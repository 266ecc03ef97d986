/*
 * Enter in a tag field finishes the tag being typed and never submits the form around it.
 * Wagtail's tag field (tag-it) makes a tag of the typed text on Enter, but lets an Enter in
 * the empty field through to the form, which then saves the page.
 */
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.closest && event.target.closest(".tagit")) {
    event.preventDefault();
  }
});
