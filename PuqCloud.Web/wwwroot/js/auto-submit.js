// A select marked data-auto-submit sends its form as soon as its value changes (the client switch of the client area).
// A file, not an onchange attribute: the Content-Security-Policy runs no inline script. Delegated from the document,
// so it works after Blazor's enhanced navigation too.
document.addEventListener('change', (event) => {
    const field = event.target.closest('[data-auto-submit]');
    if (field && field.form) field.form.requestSubmit();
});
