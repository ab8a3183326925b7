-- Made-up demo users with threads and messages (no real personal data).
-- Fixed ids so that tests and the demo can refer to them; documented in
-- backend/README.md. Passwords are bcrypt hashes of "<username>-password".
--   alice  00000000-0000-4000-a000-000000000001  user
--   bob    00000000-0000-4000-a000-000000000002  user
--   carol  00000000-0000-4000-a000-000000000003  moderator
--   dave   00000000-0000-4000-a000-000000000004  user, no threads

INSERT INTO public."user" (user_id, username, email, password, slug, role, date_joined, last_login,
                           profile_picture, bio, favourite_topic, is_verified) VALUES
  ('00000000-0000-4000-a000-000000000001', 'alice', 'alice@example.com', crypt('alice-password', gen_salt('bf', 10)),
   'alice', 'user', '2025-01-10 09:00:00+00', '2025-03-01 08:30:00+00',
   'https://robohash.org/alice?bgset=bg2', 'Curious about health and technology.', 'Healthcare', true),
  ('00000000-0000-4000-a000-000000000002', 'bob', 'bob@example.com', crypt('bob-password', gen_salt('bf', 10)),
   'bob', 'user', '2025-01-12 14:20:00+00', '2025-03-02 19:05:00+00',
   'https://robohash.org/bob?bgset=bg2', 'Writes code, saves money.', 'Technology', true),
  ('00000000-0000-4000-a000-000000000003', 'carol', 'carol@example.com', crypt('carol-password', gen_salt('bf', 10)),
   'carol', 'moderator', '2024-12-01 10:00:00+00', '2025-03-03 07:45:00+00',
   'https://robohash.org/carol?bgset=bg2', 'Moderator of the public threads.', 'Legal', true),
  ('00000000-0000-4000-a000-000000000004', 'dave', 'dave@example.com', crypt('dave-password', gen_salt('bf', 10)),
   'dave', 'user', '2025-02-20 16:00:00+00', NULL,
   NULL, NULL, NULL, false)
ON CONFLICT (user_id) DO NOTHING;

INSERT INTO public.preference (user_id, preferred_tone, preferred_length, preferred_type, preferred_complexity,
                               web_search, deep_expertise, favorite) VALUES
  ('00000000-0000-4000-a000-000000000001', 'friendly', 'detailed', 'mix', 'general', false, false, NULL),
  ('00000000-0000-4000-a000-000000000002', 'neutral', 'concise', 'bullet_points', 'expert', true, true, NULL)
ON CONFLICT (user_id) DO NOTHING;

INSERT INTO public.social_following (follower_id, followee_id, followee_id_chatbot, created_at)
SELECT f, e, c, t::timestamptz FROM (VALUES
  ('00000000-0000-4000-a000-000000000002'::uuid, '00000000-0000-4000-a000-000000000001'::uuid, NULL::integer, '2025-02-01 10:00:00+00'),
  ('00000000-0000-4000-a000-000000000003'::uuid, '00000000-0000-4000-a000-000000000002'::uuid, NULL::integer, '2025-02-03 11:00:00+00'),
  ('00000000-0000-4000-a000-000000000001'::uuid, NULL::uuid, 1, '2025-02-05 12:00:00+00'),
  ('00000000-0000-4000-a000-000000000002'::uuid, NULL::uuid, 20, '2025-02-06 13:00:00+00')
) AS v(f, e, c, t)
-- social_following has no key to conflict on, so skip rows that exist.
WHERE NOT EXISTS (SELECT 1 FROM public.social_following s
                  WHERE s.follower_id = v.f AND s.followee_id IS NOT DISTINCT FROM v.e
                    AND s.followee_id_chatbot IS NOT DISTINCT FROM v.c);

-- Threads: public+approved, public+pending, and private ones, one continuation.
INSERT INTO public.thread (thread_id, slug, user_id, chatbot_id, is_public, is_approved, model, created_at,
                           updated_at, parent_thread_id, metadata) VALUES
  ('00000000-0000-4000-b000-000000000001', 'sleep-better-after-night-shifts', '00000000-0000-4000-a000-000000000001',
   1, true, true, 'openAi', '2025-02-10 08:00:00+00', '2025-02-10 08:05:00+00', NULL, '{"tags":["sleep","health"]}'),
  ('00000000-0000-4000-b000-000000000002', 'home-router-keeps-dropping-wifi', '00000000-0000-4000-a000-000000000001',
   3, false, false, 'OpenAI__4_1__mini', '2025-02-11 09:00:00+00', '2025-02-11 09:02:00+00', NULL, NULL),
  ('00000000-0000-4000-b000-000000000003', 'emergency-fund-how-many-months', '00000000-0000-4000-a000-000000000002',
   2, true, false, 'openAi', '2025-02-12 18:00:00+00', '2025-02-12 18:03:00+00', NULL, NULL),
  ('00000000-0000-4000-b000-000000000004', 'python-list-vs-tuple-performance', '00000000-0000-4000-a000-000000000002',
   20, true, true, 'OpenAI__4_1__mini', '2025-02-13 20:00:00+00', '2025-02-13 20:06:00+00', NULL, '{"language":"python"}'),
  ('00000000-0000-4000-b000-000000000005', 'tenant-rights-security-deposit', '00000000-0000-4000-a000-000000000003',
   12, true, true, 'Claude__3_7__Sonnet', '2025-02-14 10:00:00+00', '2025-02-14 10:02:00+00', NULL, NULL),
  ('00000000-0000-4000-b000-000000000006', 'sleep-better-after-night-shifts-follow-up', '00000000-0000-4000-a000-000000000001',
   1, true, true, 'openAi', '2025-02-15 08:00:00+00', '2025-02-15 08:02:00+00', '00000000-0000-4000-b000-000000000001', NULL),
  ('00000000-0000-4000-b000-000000000007', 'side-project-budget-plan', '00000000-0000-4000-a000-000000000002',
   35, false, false, 'Gemini__2_5__Flash', '2025-02-16 21:00:00+00', '2025-02-16 21:02:00+00', NULL, NULL)
ON CONFLICT (thread_id) DO NOTHING;

INSERT INTO public.message (message_id, thread_id, slug, role, content, created_at, model, thinking) VALUES
  ('00000000-0000-4000-c000-000000000001', '00000000-0000-4000-b000-000000000001', 'how-can-i-sleep-better-after-night-shifts', 'user',
   'How can I sleep better after working night shifts?', '2025-02-10 08:00:00+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000002', '00000000-0000-4000-b000-000000000001', 'how-can-i-sleep-better-after-night-shifts-answer', 'assistant',
   E'- Keep the same sleep window every day, also on days off.\n- Darken the bedroom fully and keep it cool.\n- Avoid caffeine in the last six hours of the shift.\n- Wear sunglasses on the way home to limit morning light.',
   '2025-02-10 08:00:05+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000003', '00000000-0000-4000-b000-000000000001', 'is-melatonin-safe-for-shift-workers', 'user',
   'Is melatonin safe to take every day for that?', '2025-02-10 08:04:00+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000004', '00000000-0000-4000-b000-000000000001', 'is-melatonin-safe-for-shift-workers-answer', 'assistant',
   E'- Short-term use at low doses (0.5–3 mg) is generally well tolerated.\n- Take it right before your planned sleep, not at the end of the shift.\n- Talk to a doctor before daily long-term use, especially with other medication.',
   '2025-02-10 08:04:06+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000005', '00000000-0000-4000-b000-000000000002', 'why-does-my-router-drop-wifi', 'user',
   'My home router drops Wi-Fi every evening. What should I check?', '2025-02-11 09:00:00+00', 'gpt-4.1-mini-2025-04-14', NULL),
  ('00000000-0000-4000-c000-000000000006', '00000000-0000-4000-b000-000000000002', 'why-does-my-router-drop-wifi-answer', 'assistant',
   E'- Look for channel congestion in the evening and pick a less used channel.\n- Update the router firmware.\n- Check the router log for overheating or DHCP errors.',
   '2025-02-11 09:00:07+00', 'gpt-4.1-mini-2025-04-14', 'Evening drops suggest interference from neighbours.'),
  ('00000000-0000-4000-c000-000000000007', '00000000-0000-4000-b000-000000000003', 'how-many-months-emergency-fund', 'user',
   'How many months of expenses should an emergency fund hold?', '2025-02-12 18:00:00+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000008', '00000000-0000-4000-b000-000000000003', 'how-many-months-emergency-fund-answer', 'assistant',
   E'- Three to six months of essential expenses is the usual guideline.\n- Lean towards six with variable income or dependants.\n- Keep it in an easily accessible, low-risk account.',
   '2025-02-12 18:00:04+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000009', '00000000-0000-4000-b000-000000000004', 'python-list-or-tuple-faster', 'user',
   'Is a tuple faster than a list in Python?', '2025-02-13 20:00:00+00', 'gpt-4.1-mini-2025-04-14', NULL),
  ('00000000-0000-4000-c000-000000000010', '00000000-0000-4000-b000-000000000004', 'python-list-or-tuple-faster-answer', 'assistant',
   E'Tuples are slightly faster to create and use a little less memory, because they are immutable and fixed in size. Iteration and indexing speed are nearly the same. Choose by meaning: a tuple for a fixed record, a list for a collection that changes.',
   '2025-02-13 20:00:06+00', 'gpt-4.1-mini-2025-04-14', NULL),
  ('00000000-0000-4000-c000-000000000011', '00000000-0000-4000-b000-000000000004', 'python-measure-list-tuple', 'user',
   'How can I measure it myself?', '2025-02-13 20:05:00+00', 'gpt-4.1-mini-2025-04-14', NULL),
  ('00000000-0000-4000-c000-000000000012', '00000000-0000-4000-b000-000000000004', 'python-measure-list-tuple-answer', 'assistant',
   E'Use the timeit module:\n\n    python3 -m timeit "x = (1, 2, 3, 4, 5)"\n    python3 -m timeit "x = [1, 2, 3, 4, 5]"\n\nRun each a few times and compare the best results.',
   '2025-02-13 20:05:05+00', 'gpt-4.1-mini-2025-04-14', NULL),
  ('00000000-0000-4000-c000-000000000013', '00000000-0000-4000-b000-000000000005', 'can-landlord-keep-security-deposit', 'user',
   'Can a landlord keep the whole security deposit for normal wear and tear?', '2025-02-14 10:00:00+00', 'claude-3-7-sonnet-20250219', NULL),
  ('00000000-0000-4000-c000-000000000014', '00000000-0000-4000-b000-000000000005', 'can-landlord-keep-security-deposit-answer', 'assistant',
   E'In most jurisdictions, no: deductions are allowed for damage beyond normal wear and tear, unpaid rent or cleaning agreed in the lease. Ask for an itemised list of deductions and check your local deadline for returning the deposit. This is general information, not legal advice.',
   '2025-02-14 10:00:08+00', 'claude-3-7-sonnet-20250219', NULL),
  ('00000000-0000-4000-c000-000000000015', '00000000-0000-4000-b000-000000000006', 'night-shift-nap-before-work', 'user',
   'Should I nap before a night shift?', '2025-02-15 08:00:00+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000016', '00000000-0000-4000-b000-000000000006', 'night-shift-nap-before-work-answer', 'assistant',
   E'- Yes: a 60–90 minute nap in the late afternoon helps alertness during the shift.\n- Keep it before 6 pm so it does not delay your main sleep too much.',
   '2025-02-15 08:00:04+00', 'gpt-4o-mini', NULL),
  ('00000000-0000-4000-c000-000000000017', '00000000-0000-4000-b000-000000000007', 'budget-for-a-side-project', 'user',
   'Help me plan a monthly budget for a small side project.', '2025-02-16 21:00:00+00', 'gemini-2.5-flash-preview-04-17', NULL),
  ('00000000-0000-4000-c000-000000000018', '00000000-0000-4000-b000-000000000007', 'budget-for-a-side-project-answer', 'assistant',
   E'1. List fixed costs (hosting, domains, subscriptions).\n2. Set a cap for variable costs.\n3. Put 10 % aside for surprises.\n4. Review the numbers at the end of every month.',
   '2025-02-16 21:00:05+00', 'gemini-2.5-flash-preview-04-17', NULL)
ON CONFLICT (message_id) DO NOTHING;

-- The message triggers set updated_at to the load time; restore the story's times.
UPDATE public.thread t SET updated_at = m.last
FROM (SELECT thread_id, max(created_at) AS last FROM public.message GROUP BY thread_id) m
WHERE t.thread_id = m.thread_id AND t.thread_id::text LIKE '00000000-0000-4000-b000-%';
