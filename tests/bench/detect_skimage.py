#!/usr/bin/env python3
"""Reference detector for `atomlens-cli bench detect`: scikit-image peak_local_max on a Gaussian-smoothed
image, then one scipy curve_fit of a 2-D Gaussian (+ constant) per peak in a (2r+1)^2 window, the way a
typical Python workflow does it. Fitting every one of ~1e5 peaks takes minutes, so at most MAX_FITS peaks
(a fixed random subset) are fitted and the fit time is extrapolated to all peaks; the output says so.

usage: detect_skimage.py IMAGE.tif SIGMA_PX MIN_SEPARATION_PX THRESHOLD_ABS MAX_FITS
prints one JSON line: peaks, find_s, fitted, fit_s_per_peak, total_s (find + extrapolated fits)."""
import json
import sys
import time

import numpy as np
from scipy import ndimage as ndi
from scipy.optimize import curve_fit
from skimage import io
from skimage.feature import peak_local_max


def gaussian(xy, x0, y0, amplitude, sigma, background):
    x, y = xy
    return background + amplitude * np.exp(-((x - x0) ** 2 + (y - y0) ** 2) / (2 * sigma * sigma))


def main():
    path, sigma, min_sep, threshold, max_fits = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    image = io.imread(path).astype(np.float64)
    if image.ndim > 2:
        image = image[0]
    t0 = time.perf_counter()
    smooth = ndi.gaussian_filter(image, 0.7 * sigma)
    background = ndi.grey_opening(smooth, size=(int(4 * sigma) * 2 + 1,) * 2)
    # min_distance is a square half-width: 2 keeps a weak column on the flank of a bright neighbour
    # (as atomlens's 3x3 maxima + Euclidean separation do); a larger one would drop S2 beside Mo.
    peaks = peak_local_max(smooth - background, min_distance=2, threshold_abs=threshold)
    find_s = time.perf_counter() - t0
    rng = np.random.default_rng(1)
    chosen = peaks if len(peaks) <= max_fits else peaks[rng.choice(len(peaks), max_fits, replace=False)]
    r = int(np.ceil(2.5 * sigma))
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    t1 = time.perf_counter()
    fitted = 0
    for py, px in chosen:
        if py < r or px < r or py >= image.shape[0] - r or px >= image.shape[1] - r:
            continue
        window = image[py - r:py + r + 1, px - r:px + r + 1]
        p0 = [0.0, 0.0, float(window.max() - window.min()), sigma, float(window.min())]
        try:
            curve_fit(gaussian, (xx.ravel(), yy.ravel()), window.ravel(), p0=p0, maxfev=400)
            fitted += 1
        except RuntimeError:
            pass
    fit_s = time.perf_counter() - t1
    per_peak = fit_s / max(1, len(chosen))
    print(json.dumps({"peaks": int(len(peaks)), "find_s": find_s, "fitted": fitted, "fit_s_per_peak": per_peak,
                      "total_s": find_s + per_peak * len(peaks)}))


if __name__ == "__main__":
    main()
