-- Registered users. "user" is a reserved word, hence the quoting everywhere.
CREATE TABLE public."user" (
  user_id                  uuid NOT NULL DEFAULT public.uuid_generate_v4(),
  username                 text NOT NULL,
  email                    text NOT NULL,
  password                 text NOT NULL,            -- bcrypt hash
  date_joined              timestamptz NOT NULL DEFAULT now(),
  last_login               timestamptz DEFAULT now(),
  profile_picture          text,
  slug                     text NOT NULL,
  get_free_month           boolean DEFAULT false,
  pro_user_subscription_id text NOT NULL DEFAULT '',
  is_blocked               boolean DEFAULT false,
  is_verified              boolean DEFAULT false,
  role                     public.user_role NOT NULL DEFAULT 'user',
  bio                      text,
  favourite_topic          text,
  deletion_requested_at    timestamptz,
  promo_code               text,
  CONSTRAINT user_pkey PRIMARY KEY (user_id),
  CONSTRAINT user_username_key UNIQUE (username),
  CONSTRAINT user_email_key UNIQUE (email),
  CONSTRAINT unique_slug UNIQUE (slug)
);
CREATE INDEX idx_users_role ON public."user" (role);
COMMENT ON TABLE public."user" IS 'Table storing information about registered users.';

-- Admin helpers kept from production: change a role by e-mail.
CREATE FUNCTION public.change_user_role(user_email text, new_role public.user_role)
RETURNS void LANGUAGE sql AS $$
  UPDATE public."user" SET role = new_role WHERE email = user_email;
$$;

CREATE FUNCTION public.add_moderator(moderator_email text)
RETURNS void LANGUAGE sql AS $$
  SELECT public.change_user_role(moderator_email, 'moderator');
$$;
