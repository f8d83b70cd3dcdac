// exports.js: the files a user can download — every epoch's losses as CSV, the run as JSON, a chart as
// PNG — built from plain data, and saved through an <a download> (no server round trip).

/** "epoch,loss_d,loss_g" then one line per epoch (epoch numbered from 0, as the chapter prints it). */
export function lossesCsv(d, g) {
  const lines = new Array(d.length + 1);
  lines[0] = 'epoch,loss_d,loss_g';
  for (let t = 0; t < d.length; t++) lines[t + 1] = `${t},${d[t]},${g[t]}`;
  return `${lines.join('\n')}\n`;
}

/** The run as a JSON-able object: settings, model options, parameters, snapshots and the real images. */
export function runJson(settings, data, url) {
  const n = data.epoch;
  const last = (a) => (n > 0 && Number.isFinite(a[n - 1]) ? a[n - 1] : null);
  return {
    tinygan: 'trainer page export',
    url,
    settings: {
      seed: settings.seed, batch: settings.batch, lrG: settings.lrG, lrD: settings.lrD, epochs: settings.epochs,
    },
    options: data.options,
    epoch: n,
    diverged: data.diverged,
    message: data.message || undefined,
    params: data.params,
    loss_d: last(data.losses.d),
    loss_g: last(data.losses.g),
    meanD: n > 0 ? data.meanD : null,
    snapshots: data.snapshots,
    real: data.real,
  };
}

/** A file name stem for these settings, e.g. tinygan-seed42-b32-g0.001-d0.001. */
export function fileStem(settings) {
  return `tinygan-seed${settings.seed}-b${settings.batch}-g${settings.lrG}-d${settings.lrD}`;
}

/** Save `href` (a data: or blob: URL) as `name`. */
export function saveUrl(href, name) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Save text as a file of the given MIME type. */
export function saveText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
