DROP TRIGGER IF EXISTS trigger_update_thread_on_message_delete ON public.message;
DROP TRIGGER IF EXISTS trigger_update_thread_on_message_update ON public.message;
DROP TRIGGER IF EXISTS trigger_update_thread_on_message_insert ON public.message;
DROP FUNCTION IF EXISTS public.update_thread_timestamp();
DROP TABLE IF EXISTS public.message;
DROP TABLE IF EXISTS public.thread;
