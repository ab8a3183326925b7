-- The public catalogue: categories, chatbots, their prompts and domains.

CREATE TABLE public.category (
  category_id serial NOT NULL,
  name        text NOT NULL,
  "order"     integer NOT NULL,
  CONSTRAINT category_pkey PRIMARY KEY (category_id),
  CONSTRAINT category_name_key UNIQUE (name)
);
COMMENT ON TABLE public.category IS 'Table to store different categories for chatbots.';

-- New rows go to the end of the list unless an order is given.
CREATE FUNCTION public.get_topic_count() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer + 1 FROM public.category;
$$;
ALTER TABLE public.category ALTER COLUMN "order" SET DEFAULT public.get_topic_count();

CREATE TABLE public.chatbot (
  chatbot_id         serial NOT NULL,
  name               text NOT NULL,
  description        text,
  avatar             text,
  created_by         text NOT NULL,
  default_tone       text,
  default_length     text,
  default_type       text,
  default_complexity text,
  is_pro             boolean NOT NULL DEFAULT false,
  pro_exclusive      boolean DEFAULT false,
  disabled           boolean DEFAULT false,
  "order"            integer NOT NULL,
  CONSTRAINT chatbot_pkey PRIMARY KEY (chatbot_id),
  CONSTRAINT chatbot_name_key UNIQUE (name),
  CONSTRAINT chatbot_default_tone_fkey FOREIGN KEY (default_tone)
    REFERENCES public.tone_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT chatbot_default_length_fkey FOREIGN KEY (default_length)
    REFERENCES public.length_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT chatbot_default_type_fkey FOREIGN KEY (default_type)
    REFERENCES public.type_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT chatbot_default_complexity_fkey FOREIGN KEY (default_complexity)
    REFERENCES public.complexity_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT
);
COMMENT ON TABLE public.chatbot IS 'Table storing information about chatbots, their characteristics, and default settings.';

CREATE FUNCTION public.get_chatbot_count() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer + 1 FROM public.chatbot;
$$;
ALTER TABLE public.chatbot ALTER COLUMN "order" SET DEFAULT public.get_chatbot_count();

CREATE TABLE public.chatbot_category (
  chatbot_id  integer NOT NULL,
  category_id integer NOT NULL,
  CONSTRAINT chatbot_category_pkey PRIMARY KEY (chatbot_id, category_id),
  CONSTRAINT chatbot_category_chatbot_id_fkey FOREIGN KEY (chatbot_id)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT chatbot_category_category_id_fkey FOREIGN KEY (category_id)
    REFERENCES public.category (category_id) ON UPDATE RESTRICT ON DELETE RESTRICT
);

-- Exposed as the relationship chatbot.metadata (the name is production's).
CREATE TABLE public.chatbot_domain (
  chatbot_id  integer NOT NULL,
  domain_name text NOT NULL,
  CONSTRAINT chatbot_domain_pkey PRIMARY KEY (chatbot_id, domain_name),
  CONSTRAINT chatbot_domain_chatbot_id_fkey FOREIGN KEY (chatbot_id)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT chatbot_domain_domain_name_fkey FOREIGN KEY (domain_name)
    REFERENCES public.domain_enum (name) ON UPDATE RESTRICT ON DELETE RESTRICT
);
COMMENT ON TABLE public.chatbot_domain IS 'Junction table to track domains and chatbots relationships.';

CREATE TABLE public.prompt (
  content     text NOT NULL,
  type        text NOT NULL,
  prompt_id   serial NOT NULL,
  prompt_name text,
  CONSTRAINT prompt_pkey PRIMARY KEY (prompt_id),
  CONSTRAINT prompt_type_fkey FOREIGN KEY (type)
    REFERENCES public.prompt_type_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT
);
-- Production also has a unique constraint duplicating the key (an onConflict value).
-- Inside CREATE TABLE PostgreSQL would drop it as redundant, so it is added apart.
ALTER TABLE public.prompt ADD CONSTRAINT prompt_prompt_id_key UNIQUE (prompt_id);

-- "chabot_id" is misspelt in production and the API exposes it as chabotId.
CREATE TABLE public.prompt_chatbot (
  prompt_id integer NOT NULL,
  chabot_id integer NOT NULL,
  CONSTRAINT prompt_chatbot_pkey PRIMARY KEY (prompt_id, chabot_id),
  CONSTRAINT prompt_chatbot_prompt_id_fkey FOREIGN KEY (prompt_id)
    REFERENCES public.prompt (prompt_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT prompt_chatbot_chabot_id_fkey FOREIGN KEY (chabot_id)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT
);
COMMENT ON TABLE public.prompt_chatbot IS 'Junction table for prompts/instructions and chatbots.';
