-- Lookup tables. Only models_enum is a Hasura enum table (is_enum: true);
-- the others are plain tables whose referencing columns stay free text in GraphQL.
-- Constraint names follow production: they are the values of the
-- <Table>Constraint GraphQL enums used in onConflict.

CREATE TABLE public.complexity_enum (
  value  text NOT NULL,
  prompt text NOT NULL,
  CONSTRAINT default_complexity_enum_pkey PRIMARY KEY (value)
);

CREATE TABLE public.length_enum (
  value  text NOT NULL,
  prompt text NOT NULL,
  CONSTRAINT default_length_enum_pkey PRIMARY KEY (value)
);

CREATE TABLE public.tone_enum (
  value  text NOT NULL,
  prompt text NOT NULL,
  CONSTRAINT default_tone_enum_pkey PRIMARY KEY (value)
);

CREATE TABLE public.type_enum (
  value  text NOT NULL,
  prompt text NOT NULL,
  CONSTRAINT default_type_enum_pkey PRIMARY KEY (value)
);

CREATE TABLE public.message_type_enum (
  value text NOT NULL,
  CONSTRAINT message_type_enum_pkey PRIMARY KEY (value)
);

-- Production's primary key here is really named type_enum_pkey (a rename left it so).
CREATE TABLE public.prompt_type_enum (
  value text NOT NULL,
  CONSTRAINT type_enum_pkey PRIMARY KEY (value)
);

CREATE TABLE public.domain_enum (
  name  varchar NOT NULL,
  added timestamptz DEFAULT now(),
  CONSTRAINT domain_enum_pkey PRIMARY KEY (name)
);

-- name is the enum token (openAi -> GraphQL OPENAI), value the provider's model id.
CREATE TABLE public.models_enum (
  name  text NOT NULL,
  value text NOT NULL,
  CONSTRAINT models_enum_pkey PRIMARY KEY (name),
  CONSTRAINT models_enum_value_key UNIQUE (value)
);
CREATE INDEX idx_models_enum_value ON public.models_enum (value);

-- An enum table must hold its values before anything references it
-- (thread.model defaults to 'openAi'), so the rows live in the migration.
INSERT INTO public.models_enum (name, value) VALUES
  ('openAi',               'gpt-4o-mini'),
  ('OpenAI__4_1__mini',    'gpt-4.1-mini-2025-04-14'),
  ('OpenAI__4_1__nano',    'gpt-4.1-nano-2025-04-14'),
  ('OpenAI__4_1',          'gpt-4.1-2025-04-14'),
  ('OpenAI__o4__mini',     'o4-mini-2025-04-16'),
  ('Claude__3_7__Sonnet',  'claude-3-7-sonnet-20250219'),
  ('Perplexity',           'llama3_7B'),
  ('Perplexity__Large',    'llama-3-sonar-large-32k-online'),
  ('DeepSeek',             'deepseek-r1'),
  ('GroqDeepSeek',         'deepseek-r1-distill-llama-70b'),
  ('Gemini__Flash__Lite',  'gemini_2_0_flash_lite'),
  ('Gemini__2_5__Flash',   'gemini-2.5-flash-preview-04-17'),
  ('Gemini__2_5__Pro',     'gemini-2.5-pro-preview-03-25'),
  ('Gemini__Flash__IMG',   'gemini-2.0-flash-exp'),
  ('OpenAI__IMG',          'gpt-image-1'),
  ('OpenAI__Dalle__2',     'dall-e-2'),
  ('OpenAI__Dalle__3',     'dall-e-3')
ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;

-- One row per model shown in the app; follows models_enum.value.
CREATE TABLE public.models (
  model   text NOT NULL,
  enabled boolean NOT NULL DEFAULT false,
  type    public.model_type NOT NULL DEFAULT 'free',
  CONSTRAINT models_pkey PRIMARY KEY (model),
  CONSTRAINT models_model_fkey FOREIGN KEY (model)
    REFERENCES public.models_enum (value) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON TABLE public.models IS 'LLMs tracking for web display';
