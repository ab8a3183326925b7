-- Conversations. Both tables have a composite primary key (id, slug) and a
-- separate unique id, exactly as production, so *ByPk takes both columns.

CREATE TABLE public.thread (
  thread_id        uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  chatbot_id       integer NOT NULL,
  user_id          uuid,
  is_public        boolean DEFAULT false,
  model            varchar(30) NOT NULL DEFAULT 'openAi',
  is_approved      boolean DEFAULT false,
  parent_thread_id uuid,
  is_blocked       boolean DEFAULT false,
  short_link       text,
  slug             text NOT NULL,
  metadata         jsonb DEFAULT NULL,
  is_pro           boolean DEFAULT false,
  CONSTRAINT thread_pkey PRIMARY KEY (thread_id, slug),
  CONSTRAINT thread_id_key UNIQUE (thread_id),
  CONSTRAINT thread_slug_unique UNIQUE (slug),
  CONSTRAINT thread_short_link_key UNIQUE (short_link),
  CONSTRAINT thread_chatbot_id_fkey FOREIGN KEY (chatbot_id)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT thread_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT fk_model FOREIGN KEY (model)
    REFERENCES public.models_enum (name) ON UPDATE CASCADE ON DELETE RESTRICT,
  CONSTRAINT thread_parent_thread_id_fkey FOREIGN KEY (parent_thread_id)
    REFERENCES public.thread (thread_id) ON UPDATE RESTRICT ON DELETE RESTRICT
);
-- Lists are read newest first, per user and per chatbot.
CREATE INDEX thread_updated_at_idx ON public.thread (updated_at DESC);
CREATE INDEX thread_user_id_idx ON public.thread (user_id);
CREATE INDEX thread_chatbot_id_idx ON public.thread (chatbot_id);
CREATE INDEX thread_parent_thread_id_idx ON public.thread (parent_thread_id);

CREATE TABLE public.message (
  message_id      uuid NOT NULL DEFAULT gen_random_uuid(),
  thread_id       uuid,
  content         text NOT NULL,
  role            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  prompt          text,
  augmented_from  uuid,
  examples        jsonb,
  thinking        text,
  thinking_traces text[],
  "isContinued"   boolean DEFAULT false,
  model           text,
  short_link      text,
  slug            text NOT NULL,
  CONSTRAINT message_pkey PRIMARY KEY (message_id, slug),
  CONSTRAINT message_id_key UNIQUE (message_id),
  CONSTRAINT message_slug_unique UNIQUE (slug),
  CONSTRAINT message_short_link_key UNIQUE (short_link),
  CONSTRAINT message_thread_id_fkey FOREIGN KEY (thread_id)
    REFERENCES public.thread (thread_id) ON UPDATE RESTRICT ON DELETE CASCADE,
  CONSTRAINT message_type_fkey FOREIGN KEY (role)
    REFERENCES public.message_type_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT message_augmented_from_fkey FOREIGN KEY (augmented_from)
    REFERENCES public.message (message_id) ON UPDATE RESTRICT ON DELETE SET NULL
);
COMMENT ON TABLE public.message IS 'This table stores the messages exchanged between users and chatbots.';
CREATE INDEX message_thread_id_created_at_idx ON public.message (thread_id, created_at);
CREATE INDEX message_augmented_from_idx ON public.message (augmented_from);

-- Any change to a message marks its thread as updated, so "recent threads"
-- lists follow the conversation without the client touching the thread.
CREATE FUNCTION public.update_thread_timestamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE public.thread SET updated_at = now() WHERE thread_id = OLD.thread_id;
    RETURN OLD;
  END IF;
  UPDATE public.thread SET updated_at = now() WHERE thread_id = NEW.thread_id;
  RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_update_thread_on_message_insert
  AFTER INSERT ON public.message FOR EACH ROW EXECUTE FUNCTION public.update_thread_timestamp();
CREATE TRIGGER trigger_update_thread_on_message_update
  AFTER UPDATE ON public.message FOR EACH ROW EXECUTE FUNCTION public.update_thread_timestamp();
CREATE TRIGGER trigger_update_thread_on_message_delete
  AFTER DELETE ON public.message FOR EACH ROW EXECUTE FUNCTION public.update_thread_timestamp();
