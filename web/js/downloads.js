// Files of a project leave through GET files/{path}, which answers 302 to a short read SAS. The API call needs the
// bearer token, so a plain link or <img src> cannot make it: fetch makes it and follows the redirect to storage.

/** An object URL for an image output, to put in an <img>. */
export async function imageUrl(api, projectId, path) {
  const response = await api.file(projectId, path);
  return URL.createObjectURL(await response.blob());
}

/**
 * Saves an output. Only the first byte is fetched, to learn the signed storage URL the API redirected to; the
 * browser then downloads from storage directly, so a large map never passes through this page's memory. A new tab,
 * because browsers ignore download= across origins and would otherwise navigate away from running uploads.
 */
export async function download(api, projectId, path) {
  const name = path.split('/').pop();
  const probe = await api.file(projectId, path, { Range: 'bytes=0-0' });
  let href = probe.url;
  if (new URL(href).origin === location.origin) {
    // The host served the bytes itself (the contract's 200 case): there is no signed URL to hand on.
    href = URL.createObjectURL(await (await api.file(projectId, path)).blob());
  }
  const link = Object.assign(document.createElement('a'), { href, download: name, target: '_blank', rel: 'noopener' });
  document.body.append(link);
  link.click();
  link.remove();
}
