/**
 * Decoding, resizing and encoding with jimp's pure-JavaScript parts only (no native code, so the bundle runs on arm64 and
 * x86_64 alike and needs no layer). Only the two formats and the one plugin used are composed: the full `jimp` package
 * bundles every codec and plugin (~620 KB minified against ~255 KB for this).
 */
import { createJimp } from "@jimp/core";
import jpeg from "@jimp/js-jpeg";
import png from "@jimp/js-png";
import { methods as resizeMethods } from "@jimp/plugin-resize";
import { type ImageMime, fitWidth } from "./core";

const Jimp = createJimp({ formats: [jpeg, png], plugins: [resizeMethods] });

/** JPEG quality of the thumbnails: jimp's default (100) makes thumbnails several times larger for no visible gain at 200 px. */
export const JPEG_QUALITY = 80;

export interface Resized {
    body: Buffer;
    mime: ImageMime;
    width: number;
    height: number;
}

/**
 * The image resized to `width` (aspect ratio kept, never enlarged), encoded in its own format. The EXIF orientation is
 * applied before sizing (jimp rotates on decode), and the output carries no EXIF: a phone photo's GPS position does not
 * travel into a public thumbnail. Throws when the bytes cannot be decoded.
 */
export async function resizeImage(bytes: Buffer, mime: ImageMime, width: number, maxPixels: number): Promise<Resized> {
    const image = await Jimp.fromBuffer(bytes, {
        // jpeg-js's own guards, as a second line behind the header check (its defaults are 100 MP and 512 MB).
        "image/jpeg": { maxResolutionInMP: Math.ceil(maxPixels / 1_000_000), maxMemoryUsageInMB: 512 },
    });
    const size = fitWidth({ width: image.width, height: image.height }, width);
    if (size.width !== image.width) image.resize({ w: size.width, h: size.height });
    const body = mime === "image/jpeg" ? await image.getBuffer("image/jpeg", { quality: JPEG_QUALITY }) : await image.getBuffer("image/png");
    return { body, mime, width: image.width, height: image.height };
}
