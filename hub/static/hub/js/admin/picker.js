/*
 * The filterable checkbox picker (hub/widgets.py): a filter box that narrows the options as
 * you type, and a summary of what is chosen. Without this script the widget is a plain list of
 * grouped checkboxes.
 */
(() => {
  // "malmo" finds Malmö and "SKÅNE" finds Skåne län.
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

  class PickerController extends window.StimulusModule.Controller {
    static targets = ["summary", "filterBox", "filter", "count", "group", "option"];

    connect() {
      this.texts = new Map(this.optionTargets.map((option) => [option, fold(option.textContent)]));
      this.filterBoxTarget.hidden = false;
      this.summarise();
    }

    /** Show the options whose name, or whose group's legend, contains what was typed. */
    filter() {
      const query = fold(this.filterTarget.value.trim());
      const groupMatches = new Map(
        this.groupTargets.map((group) => [
          group,
          query !== "" && fold(group.querySelector("legend").textContent).includes(query),
        ]),
      );
      let shown = 0;
      this.optionTargets.forEach((option) => {
        const group = option.closest("fieldset");
        const visible =
          query === "" || groupMatches.get(group) || this.texts.get(option).includes(query);
        option.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      this.groupTargets.forEach((group) => {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      this.countTarget.textContent = query
        ? this.element.dataset.hubPickerShownText
            .replace("{shown}", shown)
            .replace("{total}", this.optionTargets.length)
        : "";
    }

    /** Enter in the filter box keeps the editor on the page instead of submitting its form. */
    keep(event) {
      event.preventDefault();
    }

    summarise() {
      const names = this.optionTargets
        .filter((option) => option.querySelector("input").checked)
        .map((option) => option.querySelector("label").textContent.trim());
      this.summaryTarget.textContent = names.length
        ? this.element.dataset.hubPickerChosenText
            .replace("{count}", names.length)
            .replace("{names}", names.join(", "))
        : this.element.dataset.hubPickerNoneText;
    }
  }

  window.wagtail.app.register("hub-picker", PickerController);
})();
