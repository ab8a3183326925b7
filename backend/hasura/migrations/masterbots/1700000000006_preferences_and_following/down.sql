DROP TABLE IF EXISTS public.social_following;
DROP TABLE IF EXISTS public.preference;
