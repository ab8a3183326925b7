-- Per-user settings (one row per user) and follows of users or chatbots.

-- Formerly user_chatbot_preference; the primary key kept its old name.
CREATE TABLE public.preference (
  preference_id        serial NOT NULL,
  chatbot_id           integer DEFAULT 1,
  preferred_tone       text NOT NULL,
  preferred_length     text NOT NULL,
  preferred_type       text NOT NULL,
  preferred_complexity text NOT NULL,
  favorite             boolean,
  user_id              uuid,
  web_search           boolean DEFAULT false,
  deep_expertise       boolean DEFAULT false,
  CONSTRAINT user_chatbot_preference_pkey PRIMARY KEY (preference_id),
  CONSTRAINT preference_user_id_key UNIQUE (user_id),
  CONSTRAINT preference_chatbot_id_fkey FOREIGN KEY (chatbot_id)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT preference_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE CASCADE,
  CONSTRAINT preference_preferred_tone_fkey FOREIGN KEY (preferred_tone)
    REFERENCES public.tone_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT preference_preferred_length_fkey FOREIGN KEY (preferred_length)
    REFERENCES public.length_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT preference_preferred_type_fkey FOREIGN KEY (preferred_type)
    REFERENCES public.type_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT,
  CONSTRAINT preference_preferred_complexity_fkey FOREIGN KEY (preferred_complexity)
    REFERENCES public.complexity_enum (value) ON UPDATE RESTRICT ON DELETE RESTRICT
);
COMMENT ON TABLE public.preference IS 'Stores user-specific preferences for chatbot output.';

-- No primary key (as production): there is no socialFollowingByPk and no onConflict.
CREATE TABLE public.social_following (
  follower_id         uuid NOT NULL,
  followee_id         uuid,
  followee_id_chatbot integer,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT social_following_check CHECK (follower_id <> followee_id),
  CONSTRAINT social_following_follower_id_fkey FOREIGN KEY (follower_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE CASCADE,
  CONSTRAINT social_following_followee_id_fkey FOREIGN KEY (followee_id)
    REFERENCES public."user" (user_id) ON UPDATE RESTRICT ON DELETE CASCADE,
  CONSTRAINT social_following_followee_id_chatbot_fkey FOREIGN KEY (followee_id_chatbot)
    REFERENCES public.chatbot (chatbot_id) ON UPDATE RESTRICT ON DELETE CASCADE
);
CREATE INDEX social_following_follower_id_idx ON public.social_following (follower_id);
CREATE INDEX social_following_followee_id_idx ON public.social_following (followee_id);
