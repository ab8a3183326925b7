COMMENT ON TABLE public.social_following IS NULL;
COMMENT ON TABLE public.preference IS 'Stores user-specific preferences for chatbot output.';
COMMENT ON TABLE public.chatbot_category IS NULL;
