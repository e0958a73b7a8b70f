/* Stufenweg – small behaviour only. No inline JavaScript anywhere (strict CSP). */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Every htmx request carries Django's CSRF token from <meta name="csrf-token">.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  // Buttons with data-confirm="Text" ask before submitting their form.
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  });

  // Disclosure menus of the main navigation: <button class="main-nav__toggle" aria-expanded
  // aria-controls> opens the list it names; a click elsewhere, Escape or focus leaving the menu
  // closes it (Escape returns focus to the button). One menu is open at a time.
  var nav = document.querySelector(".main-nav");
  if (nav) {
    nav.classList.add("main-nav--enhanced");
    var toggles = function () { return nav.querySelectorAll(".main-nav__toggle"); };
    var setOpen = function (button, open) { button.setAttribute("aria-expanded", open ? "true" : "false"); };
    var closeAll = function (except) {
      toggles().forEach(function (button) { if (button !== except) { setOpen(button, false); } });
    };
    var openToggle = function () { return nav.querySelector('.main-nav__toggle[aria-expanded="true"]'); };

    document.addEventListener("click", function (event) {
      var button = event.target.closest(".main-nav__toggle");
      if (button && nav.contains(button)) {
        closeAll(button);
        setOpen(button, button.getAttribute("aria-expanded") !== "true");
        return;
      }
      var open = openToggle();
      if (open && !open.parentElement.contains(event.target)) { setOpen(open, false); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var open = openToggle();
      if (!open) { return; }
      setOpen(open, false);
      if (open.parentElement.contains(document.activeElement)) { open.focus(); }
    });
    nav.addEventListener("focusout", function (event) {
      var open = openToggle();
      if (open && event.relatedTarget && !open.parentElement.contains(event.relatedTarget)) {
        setOpen(open, false);
      }
    });
  }

  // After an htmx swap, move focus to an element marked data-focus-after-swap (keyboard users).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target) { return; }
    var focusable = target.querySelector("[data-focus-after-swap]");
    if (focusable) {
      if (!focusable.hasAttribute("tabindex")) { focusable.setAttribute("tabindex", "-1"); }
      focusable.focus();
    }
  });
})();
