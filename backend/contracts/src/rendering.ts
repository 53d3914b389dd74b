/** What a model is sent for one question: the rendered chat messages, as the paper page previews them. */

export type ContentPart =
  { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatMessage {
  role: 'system' | 'user';
  content: string | ContentPart[];
}

/** One question rendered for a model, under a template version the answers record. */
export interface ModelPrompt {
  templateVersion: string;
  mode: 'text' | 'vision';
  messages: ChatMessage[];
  /** Problems a researcher must see, e.g. an image question rendered for a text-only model. */
  flags: string[];
  imageCount: number;
}

/** `GET /api/papers/:id/render` and a draft's preview: each question's prompt. */
export interface RenderedQuestion extends ModelPrompt {
  questionId: string;
  number: string;
  imageProfile: string | null;
}
