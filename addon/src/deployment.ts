// What the build bakes in (addon/build.ts): the service address prefix the manifest's
// urlFetchWhitelist allows (empty in a development build), and whether this is the template
// spreadsheet's bound script rather than the editor add-on.
declare const __SERVICE_PREFIX__: string;
declare const __BOUND_SCRIPT__: boolean;

export const SERVICE_PREFIX: string = typeof __SERVICE_PREFIX__ === 'string' ? __SERVICE_PREFIX__ : '';
export const BOUND_SCRIPT: boolean = typeof __BOUND_SCRIPT__ === 'boolean' ? __BOUND_SCRIPT__ : false;
