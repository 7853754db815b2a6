/**
 * The web app's own stylesheet and script, served from `/assets/`. The NL Design System CSS
 * (`@utrecht/component-library-css`, `@utrecht/design-tokens`) is read from node_modules by the
 * entry (see `loadAsset`); nothing comes from a CDN.
 */

export const PLEKWIJZER_CSS = `
:root { color-scheme: light; }
body.utrecht-theme { margin: 0; background: #fff; color: #1a1a1a; font-family: var(--utrecht-document-font-family, "Noto Sans", Arial, sans-serif); font-size: 1.0625rem; line-height: 1.5; }
.pw-sr-only { position: absolute !important; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.pw-kop { background: #154273; color: #fff; padding: 0; }
.pw-kop__balk { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; align-items: center; max-inline-size: 80rem; margin-inline: auto; padding: 0.75rem 1.5rem; }
.pw-logo { color: #fff; font-weight: 700; font-size: 1.4rem; text-decoration: none; }
.pw-logo:focus-visible, .pw-menu a:focus-visible, .pw-licht:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.pw-gebruiker { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.pw-kop .pw-licht { color: #fff; border-color: #fff; }
.pw-menu { background: #0b2a4a; }
.pw-menu .utrecht-nav-list { box-sizing: border-box; display: flex; flex-wrap: wrap; gap: 0; list-style: none; margin: 0 auto; padding: 0 1rem; max-inline-size: 80rem; }
.pw-menu .utrecht-nav-list__link { display: block; color: #fff; padding: 0.75rem 1rem; text-decoration: none; }
.pw-menu .utrecht-nav-list__link:hover { text-decoration: underline; }
.pw-menu .utrecht-nav-list__link--current { background: #fff; color: #0b2a4a; font-weight: 700; }
.pw-inhoud { display: block; max-inline-size: 80rem; margin-inline: auto; padding: 1.5rem; }
.pw-inhoud:focus { outline: none; }
/* Dutch compounds ("Opvoedondersteuning") outgrow a phone's width in a heading: hyphenate, or break. */
.pw-inhoud { overflow-wrap: break-word; }
.pw-inhoud h1, .pw-inhoud h2, .pw-inhoud h3 { hyphens: auto; }
.pw-voet { max-inline-size: 80rem; margin: 2rem auto 0; padding: 1rem 1.5rem; border-block-start: 1px solid #ccc; }
.pw-inline { display: inline; }
.pw-formulier { display: grid; gap: 1rem; max-inline-size: 40rem; }
.pw-filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; align-items: end; }
.pw-smal { max-inline-size: 7rem; }
.pw-rij-formulier { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
.pw-rij-formulier .utrecht-form-field { margin: 0; }
.pw-foutsamenvatting { margin-block-end: 1.5rem; }
.pw-foutsamenvatting:focus { outline: 3px solid #ffbf47; }
.utrecht-form-field-error-message { color: #a8071a; font-weight: 600; }
/* position: relative keeps screen-reader-only text (absolute) inside the scrolling box. */
.pw-tabel-wrap { overflow-x: auto; position: relative; }
.pw-tabel { border-collapse: collapse; inline-size: 100%; }
.pw-tabel th, .pw-tabel td { text-align: start; vertical-align: top; padding: 0.5rem; border-block-end: 1px solid #ccc; }
.pw-tabel thead th { border-block-end: 2px solid #154273; }
.pw-norm { background: #fff4e5; }
.pw-kaart { border: 1px solid #ccc; border-radius: 4px; padding: 1rem; margin-block-end: 1rem; }
.pw-kaart h2, .pw-kaart h3 { margin-block-start: 0; }
.pw-facetten { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
/* A chart needs its width to be read: on a narrow screen it scrolls inside its box, the page does not (WCAG 1.4.10). */
.pw-grafiek { max-inline-size: 48rem; overflow-x: auto; position: relative; }
.pw-grafiek svg { min-inline-size: 26rem; }
.pw-grafiek text { font: 14px/1 sans-serif; fill: #1a1a1a; }
.pw-acties { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-block: 1rem; }
.utrecht-status-badge { white-space: nowrap; border: 1px solid transparent; }
/* The theme's badge colours fall below 4.5:1 with white text; these pass WCAG AA. */
.utrecht-status-badge--success, .utrecht-status-badge--safe { background-color: #2e7d32; color: #fff; }
.utrecht-status-badge--warning { background-color: #fff3cd; color: #4d3300; border-color: #8a5a00; }
.utrecht-status-badge--danger { background-color: #b3261e; color: #fff; }
.utrecht-status-badge--neutral, .utrecht-status-badge--inactive { background-color: #595959; color: #fff; }
.pw-tabel .pw-rij-formulier { min-inline-size: 28rem; }
.pw-tabel .utrecht-unordered-list, .pw-tabel .utrecht-paragraph { margin-block: 0; }
.pw-tabel .utrecht-unordered-list { padding-inline-start: 1.2rem; }
.pw-inhoud h2 { margin-block-start: 2rem; }
.pw-kaart h4 { margin-block: 0.75rem 0.25rem; }
.pw-inhoud .pw-kaart h2 { margin-block-start: 0; }
.pw-uitklap { margin-block: 1rem; }
.pw-uitklap summary { cursor: pointer; }
.pw-tabel-wrap:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.pw-uitklap summary:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.pw-uitklap summary .utrecht-heading-3 { display: inline; }
.pw-cijfers { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
.pw-cijfers dt { font-weight: 700; }
.pw-cijfers dd { margin: 0; min-inline-size: 0; overflow-wrap: anywhere; }
.pw-legenda { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.pw-legenda svg { vertical-align: middle; margin-inline-end: 0.4rem; }
.pw-kerncijfers .pw-kaart { margin: 0; min-inline-size: 12rem; }
.pw-kerncijfers dd { margin: 0; }
.pw-kerncijfer-getal { font-size: 2rem; font-weight: 700; }
.pw-kerncijfers { margin-block: 1.5rem; }
.pw-inhoud section + section { margin-block-start: 2.5rem; }
.pw-inhoud .pw-tabel-wrap, .pw-inhoud form { margin-block: 1rem; }
.pw-kruimels { gap: 0.5rem; }
.pw-breed { box-sizing: border-box; inline-size: 100%; max-inline-size: 60rem; }
/* JSON reads best wide and in a fixed-width font. */
.pw-json { max-inline-size: 60rem; }
.pw-json textarea { max-inline-size: 100%; font-family: monospace; }
.pw-inhoud pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.pw-tekst-blok { white-space: pre-line; }
/* Beheer (issue 15): the rule-set form, one fieldset per group, a condition's three fields side by side where they fit. */
.pw-regelgroep { margin-block: 1rem; min-inline-size: 0; }
.pw-regelrij { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); gap: 0 1rem; border: 0; border-block-start: 1px solid #ccc; padding: 0.5rem 0 0; margin: 0 0 0.5rem; min-inline-size: 0; }
.pw-regelrij > legend { grid-column: 1 / -1; font-weight: bold; padding: 0; }
.pw-eenmalig { font-family: monospace; font-size: 1.1rem; word-break: break-all; background: #f3f3f3; padding: 0.5rem; }
.pw-qr { display: block; width: 14rem; max-width: 100%; height: auto; }
.pw-sleutel, .pw-herstelcodes code { font-family: monospace; font-size: 1.05rem; word-break: break-all; }
.pw-inhoud code { overflow-wrap: anywhere; }
.pw-herstelcodes { columns: 2 14rem; }
.pw-demo { margin-block-start: 2rem; border-block-start: 1px solid #ccc; }
/* Issue 15, Everywhere (part e): a legend swatch sits right beside its label; the chart's minimum width is for the chart, not its swatches. */
.pw-legenda li { display: inline-flex; align-items: center; gap: 0.4rem; }
.pw-grafiek .pw-legenda svg { min-inline-size: 0; flex: none; margin: 0; }
@media (max-width: 40rem) { .pw-inhoud { padding: 1rem; } }
.pw-tabel .pw-getal { text-align: end; font-variant-numeric: tabular-nums; }
/* Issue 15, provider part (Mijn aanbod): one form; a table on a wide screen, one card per offer with its fields stacked on a phone. */
.pw-weekstaat .pw-weekstaat-velden { display: grid; grid-template-columns: repeat(2, minmax(9rem, 1fr)); gap: 0.75rem 1rem; align-items: end; min-inline-size: 22rem; }
.pw-weekstaat .pw-weekstaat-velden > .utrecht-alert { grid-column: 1 / -1; }
@media (max-width: 48rem) {
  .pw-weekstaat { overflow-x: visible; }
  .pw-weekstaat table, .pw-weekstaat caption, .pw-weekstaat tbody, .pw-weekstaat tr, .pw-weekstaat th, .pw-weekstaat td { display: block; inline-size: auto; }
  .pw-weekstaat thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .pw-weekstaat tbody tr { border: 1px solid #ccc; border-radius: 4px; padding: 0.75rem; margin-block-end: 1rem; }
  .pw-weekstaat tbody th, .pw-weekstaat tbody td { border: 0; padding: 0.25rem 0; }
  .pw-weekstaat tbody th { font-size: 1.15rem; }
  .pw-weekstaat td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
  .pw-weekstaat .pw-weekstaat-velden { min-inline-size: 0; grid-template-columns: 1fr; }
  .pw-weekstaat .utrecht-textbox, .pw-weekstaat .utrecht-select { max-inline-size: 100%; }
}
/* Zoeken (issue 15, verwijzer): results as a table to compare on a wide screen, as cards on a narrow one. */
.pw-resultaten-tabel { display: none; }
@media (min-width: 64rem) { .pw-resultaten-tabel { display: block; } .pw-resultaten-kaarten { display: none; } }
.pw-resultaten-tabel th[scope="row"] { font-weight: 400; }
.pw-resultaten-tabel th[scope="row"] { min-inline-size: 12rem; }
.pw-resultaten-tabel td.pw-getal { white-space: nowrap; }
.pw-resultaten-tabel thead th { hyphens: manual; }
.pw-zacht { color: #595959; font-size: 0.95em; }
/* Issue 15, broker part: the matching tabs (plain links) and the waiting list's "in play" column. */
.pw-tabs ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0 0 1.5rem; padding: 0; border-block-end: 2px solid #154273; }
.pw-tabs a { display: block; padding: 0.5rem 1rem; border: 1px solid #154273; border-block-end: none; border-radius: 4px 4px 0 0; color: #154273; text-decoration: underline; }
.pw-tabs a[aria-current="page"] { background: #154273; color: #fff; font-weight: bold; text-decoration: none; }
.pw-tabs a:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.pw-positie { font-weight: bold; }
.pw-tabs { margin-block-start: 1rem; }
.pw-lopend { margin-block: 0 0.25rem; }
.pw-lopend-cel { min-inline-size: 14rem; }
.pw-niets { color: #535353; }
/* The monthly report is printed and discussed: no menus, forms or links to act on; tables whole, on their own lines. */
@media print {
  .pw-niet-printen, header, nav, footer, .pw-menu, .utrecht-skip-link, form, details > summary { display: none !important; }
  details.pw-grafiek-tabel { display: none; }
  body, .pw-inhoud { margin: 0; padding: 0; font-size: 10pt; color: #000; background: #fff; }
  .pw-inhoud section { break-inside: auto; }
  .pw-inhoud h2, .pw-inhoud h3 { break-after: avoid; }
  .pw-tabel-wrap { overflow: visible !important; }
  table, .pw-kaart, svg { break-inside: avoid; }
  .pw-kaart { border: 1px solid #000; }
  a { color: #000; text-decoration: none; }
}
`;

/** Small improvements only: every page works without it. */
export const PLEKWIJZER_JS = `
(function () {
  // A refused form: move focus to the error summary so screen readers and keyboards start there.
  var samenvatting = document.querySelector("[data-foutsamenvatting]");
  if (samenvatting) samenvatting.focus();
  // "Kopieer link": the page's own URL holds the search, so sharing is copying it.
  document.querySelectorAll("[data-kopieer]").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () {
      var url = knop.getAttribute("data-kopieer") || location.href;
      var klaar = function () { knop.textContent = "Link gekopieerd"; };
      if (navigator.clipboard) navigator.clipboard.writeText(url).then(klaar, function () {});
    });
  });
  // Issue 15 (Mijn aanbod): leaving a form with typed, unsaved figures another way than its own button asks first.
  document.querySelectorAll("form[data-niet-kwijt]").forEach(function (form) {
    var getypt = false;
    form.addEventListener("input", function () { getypt = true; });
    form.addEventListener("submit", function () { getypt = false; });
    window.addEventListener("beforeunload", function (e) {
      if (getypt) { e.preventDefault(); e.returnValue = ""; }
    });
  });
  // Beheer (issue 15): copy a secret shown once (a new token); without script it stays selectable text.
  document.querySelectorAll("[data-kopieer-tekst]").forEach(function (knop) {
    var bron = document.getElementById(knop.getAttribute("data-kopieer-tekst"));
    var status = document.getElementById(knop.getAttribute("data-kopieer-status") || "");
    if (!bron || !navigator.clipboard) return;
    knop.hidden = false;
    knop.addEventListener("click", function () {
      navigator.clipboard.writeText(bron.textContent.trim()).then(function () {
        if (status) status.textContent = "Het token staat op het klembord.";
      }, function () {});
    });
  });
})();
`;

/** The stylesheets read from the NL Design System packages. */
export type ExternAsset = "utrecht.css" | "tokens.css";
export type LoadAsset = (naam: ExternAsset) => Promise<string>;
