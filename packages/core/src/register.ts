// Entry point of `@mcp-o11y/core/register`: importing it is the whole API.
import { enableEarlyInstrumentations } from './instrumentations/early-instrumentations.js';
import { register } from './mcp/register.js';

// Synchronously, before `register()` starts the asynchronous config load: the libraries the config file's
// `instrumentations` names are patched only if their hooks are in before the application imports them.
enableEarlyInstrumentations();
register();
