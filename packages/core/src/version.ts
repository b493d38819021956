declare const __PACKAGE_VERSION__: string | undefined;

/** This package's version, set at build time (tsup `define`); `0.0.0-dev` when running from source. */
export const VERSION: string = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';
