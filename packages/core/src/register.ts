// Entry point of `@mcp-o11y/core/register`: importing it is the whole API.
import { register } from './mcp/register.js';

register();
