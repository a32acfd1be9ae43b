/* Feedback where the eye is (GOV.UK error summary pattern).
   - Every form is checked by the server, never by the browser's own bubbles (novalidate).
   - After a failed save the error summary takes the focus, so the page scrolls to it and a
     screen reader reads it; its links move the focus to the field in error.
   - A form may ask to be confirmed (data-confirm-below: "field name|minimum|message"): an airing
     shorter than the plan's minimum is saved only after the person agrees it will not count. */
(function () {
  function ready() {
    document.querySelectorAll("form").forEach(function (f) { f.noValidate = true; });
    var summary = document.querySelector(".error-summary");
    if (summary) {
      if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".error-summary a[href^='#']");
    if (!a) return;
    var el = document.getElementById(a.getAttribute("href").slice(1));
    if (!el) return;
    e.preventDefault();
    var input = el.matches("input,select,textarea") ? el : el.querySelector("input,select,textarea");
    (input || el).focus();
    el.scrollIntoView({ block: "center" });
  });
  document.addEventListener("htmx:load", function () {
    document.querySelectorAll("form").forEach(function (f) { f.noValidate = true; });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
