// Static address forms (sign-up): when the country changes, offer that country's regions.
// Delegated from the document, so it works after Blazor's enhanced navigation too.
document.addEventListener('change', async (event) => {
    const country = event.target.closest('select[data-region-target]');
    if (!country) return;
    const region = document.getElementById(country.dataset.regionTarget);
    if (!region) return;
    const field = region.closest('[data-region-field]');
    const response = await fetch('/signup/regions?country=' + encodeURIComponent(country.value));
    const regions = response.ok ? await response.json() : [];
    const placeholder = region.dataset.placeholder || '';
    region.replaceChildren(new Option(placeholder, ''), ...regions.map(r => new Option(r.name, r.code)));
    if (field) field.hidden = regions.length === 0;
});
