/**
 * The provider client now lives with models (models/provider). This re-export only keeps the
 * LLM extractor's old import compiling until its import line, changed in the same tree, lands.
 */
export { sendChat } from '../models/provider';
