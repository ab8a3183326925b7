DROP FUNCTION IF EXISTS public.add_moderator(text);
DROP FUNCTION IF EXISTS public.change_user_role(text, public.user_role);
DROP TABLE IF EXISTS public."user";
