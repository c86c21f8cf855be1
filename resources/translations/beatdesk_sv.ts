<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name></name>
    <message>
        <location filename="../../ui/feeds/screen.py" line="70"/>
        <source>Move left</source>
        <translation>Flytta åt vänster</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="70"/>
        <source>Move right</source>
        <translation>Flytta åt höger</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="77"/>
        <source>Remove the column</source>
        <translation>Ta bort kolumnen</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="95"/>
        <location filename="../../ui/feeds/screen.py" line="142"/>
        <source>Reply</source>
        <translation>Svara</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="95"/>
        <location filename="../../ui/feeds/screen.py" line="142"/>
        <source>Open in inbox</source>
        <translation>Öppna i inkorgen</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="95"/>
        <location filename="../../ui/feeds/screen.py" line="142"/>
        <source>Copy link</source>
        <translation>Kopiera länken</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="185"/>
        <source>Search words or #hashtag</source>
        <extracomment>A post&apos;s conversation should open in the inbox (platform, conversation key or post id). Reply to a post (the composer or the inbox takes it from here).</extracomment>
        <translation>Sökord eller #hashtagg</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="187"/>
        <source>Add column</source>
        <translation>Lägg till kolumn</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="264"/>
        <source>Connect an account first.</source>
        <translation>Anslut ett konto först.</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="331"/>
        <source>A post on {handle} ({platform}) was not sent from the desk: “{text}”. Check who has access to the account.</source>
        <translation>Ett inlägg på {handle} ({platform}) skickades inte från skrivbordet: ”{text}”. Kontrollera vem som har tillgång till kontot.</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="353"/>
        <source>Link copied.</source>
        <translation>Länken kopierades.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="85"/>
        <location filename="../../ui/inbox/conversation.py" line="210"/>
        <source>No conversation selected</source>
        <extracomment>X counts direct messages per day per sender; shown beside a private reply on X.</extracomment>
        <translation>Ingen konversation vald</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="108"/>
        <source>Open (o)</source>
        <translation>Öppen (o)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="108"/>
        <source>Waiting (w)</source>
        <translation>Väntar (w)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="108"/>
        <source>Close (c)</source>
        <translation>Stäng (c)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="116"/>
        <source>Assign to an officer or a team (a, then arrows and Enter)</source>
        <translation>Tilldela en handläggare eller ett team (a, sedan pilar och Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="128"/>
        <source>Add tag (t); &apos;-tag&apos; removes</source>
        <translation>Lägg till tagg (t); &apos;-tagg&apos; tar bort</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="132"/>
        <source>Internal note (n), Enter saves</source>
        <translation>Intern anteckning (n), Enter sparar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="140"/>
        <source>Canned replies (Ctrl+K, then arrows and Enter)</source>
        <translation>Standardsvar (Ctrl+K, sedan pilar och Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="145"/>
        <source>Private reply</source>
        <translation>Privat svar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="155"/>
        <source>Reply (r); Ctrl+Enter sends</source>
        <translation>Svara (r); Ctrl+Enter skickar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="165"/>
        <source>Send</source>
        <translation>Skicka</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="185"/>
        <location filename="../../ui/inbox/screen.py" line="137"/>
        <source>Unassigned</source>
        <translation>Ej tilldelad</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="189"/>
        <source>Team: {team}</source>
        <translation>Team: {team}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="196"/>
        <source>Canned reply…</source>
        <translation>Standardsvar…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="235"/>
        <source>No tags</source>
        <translation>Inga taggar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="246"/>
        <source>Being handled by {names}</source>
        <translation>Hanteras av {names}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="260"/>
        <source>The reply window has not opened: the person must write first.</source>
        <translation>Svarsfönstret har inte öppnats: personen måste skriva först.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="265"/>
        <source>The {h}-hour reply window has closed.</source>
        <translation>Svarsfönstret på {h} timmar har stängts.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="268"/>
        <source>The {h}-hour reply window closes in {left}.</source>
        <translation>Svarsfönstret på {h} timmar stängs om {left}.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="326"/>
        <source>The force</source>
        <translation>Polisen</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="327"/>
        <source>private</source>
        <translation>privat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="327"/>
        <source>public</source>
        <translation>offentlig</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="42"/>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="45"/>
        <source>Reply: call {number}</source>
        <translation>Svara: ring {number}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="49"/>
        <source>Acknowledge</source>
        <translation>Kvittera</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="54"/>
        <source>Control room: who, how, reference</source>
        <translation>Vem, hur, referens</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="57"/>
        <source>Handed to control room</source>
        <translation>Till nödcentralen</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="70"/>
        <source>Handed to the control room by phone</source>
        <translation>Överlämnat till nödcentralen per telefon</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="85"/>
        <source>Acknowledged by {name}</source>
        <translation>Kvitterat av {name}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="87"/>
        <source>&lt;b&gt;Not acknowledged&lt;/b&gt;</source>
        <translation>&lt;b&gt;Inte kvitterat&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="92"/>
        <source>&lt;b&gt;EMERGENCY&lt;/b&gt; on {platform} from @{who}: “{text}” · {ack}</source>
        <translation>&lt;b&gt;NÖDSITUATION&lt;/b&gt; på {platform} från @{who}: ”{text}” · {ack}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="98"/>
        <source> · {n} more</source>
        <translation> · {n} till</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="403"/>
        <source>Platform</source>
        <extracomment>Pages kept around the viewport (~1,600 rows): enough for fast scrolling back and forth. How long the full count waits after the first page arrived (so the first paint has the CPU to itself). How long the force aims to take to answer, by class (shown as the SLA clock on new and open items). per row, per column: role value → what the cell shows for it (built on first paint; SLA excluded) Emitted after a filter change has its count and first page (the view may paint). Emitted when the filter&apos;s full count is known. Emitted when any page arrives.</extracomment>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="514"/>
        <source>[graphic media hidden] </source>
        <translation>[chockerande innehåll dolt] </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="516"/>
        <source>[deleted] </source>
        <translation>[raderat] </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="518"/>
        <source>[edited] </source>
        <translation>[redigerat] </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="124"/>
        <source>Search (/)</source>
        <translation>Sök (/)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="134"/>
        <source>All platforms</source>
        <translation>Alla plattformar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="135"/>
        <source>All accounts</source>
        <translation>Alla konton</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="136"/>
        <source>Any status</source>
        <translation>Alla statusar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="137"/>
        <source>Anyone</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="137"/>
        <location filename="../../ui/inbox/screen.py" line="354"/>
        <source>Mine</source>
        <translation>Mina</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="139"/>
        <source>Any class</source>
        <translation>Alla klasser</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="141"/>
        <source>Any time</source>
        <translation>Alla tider</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="146"/>
        <source>Tag</source>
        <translation>Tagg</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="352"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="353"/>
        <source>New</source>
        <translation>Nya</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="355"/>
        <source>Emergencies</source>
        <translation>Nödsituationer</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="356"/>
        <source>Waiting</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="531"/>
        <source>Reply queued.</source>
        <translation>Svaret står i kö.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="601"/>
        <source>Emergency on {platform} from @{who}: acknowledge it and hand it to the control room.</source>
        <translation>Nödsituation på {platform} från @{who}: kvittera och överlämna till nödcentralen.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="629"/>
        <source>Emergency reply queued.</source>
        <translation>Svaret på nödsituationen står i kö.</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="75"/>
        <location filename="../../ui/tweetathon/screen.py" line="139"/>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="80"/>
        <source>Now</source>
        <translation>Nu</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="98"/>
        <source>Calls per hour</source>
        <translation>Uppdrag per timme</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="105"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="105"/>
        <source>Window</source>
        <translation>Tidsfönster</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="105"/>
        <source>Posts left</source>
        <translation>Inlägg kvar</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="134"/>
        <source>No tweetathon is running in this desk.</source>
        <translation>Ingen tweetathon pågår på det här skrivbordet.</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="139"/>
        <source>Resume</source>
        <translation>Fortsätt</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="140"/>
        <source>paused</source>
        <translation>pausad</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="140"/>
        <source>running</source>
        <translation>pågår</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="164"/>
        <source>Calls</source>
        <translation>Uppdrag</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="199"/>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="200"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/accounts/form.py" line="29"/>
        <source>API key</source>
        <translation>API-nyckel</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="30"/>
        <source>API key secret</source>
        <translation>API-nyckelns hemlighet</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="31"/>
        <location filename="../../ui/accounts/form.py" line="43"/>
        <source>Access token</source>
        <translation>Åtkomsttoken</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="32"/>
        <source>Access token secret</source>
        <translation>Åtkomsttokenets hemlighet</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="35"/>
        <source>Facebook Page id</source>
        <translation>Facebook-sidans id</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="36"/>
        <location filename="../../ui/accounts/form.py" line="41"/>
        <source>Page access token</source>
        <translation>Sidans åtkomsttoken</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="39"/>
        <source>Instagram professional account id</source>
        <translation>Id för Instagram-företagskontot</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="40"/>
        <source>Linked Facebook Page id</source>
        <translation>Id för den kopplade Facebook-sidan</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="45"/>
        <source>Handle or e-mail used to sign in</source>
        <translation>Användarnamn eller e-post för inloggning</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="46"/>
        <source>App password</source>
        <translation>Applösenord</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="75"/>
        <source>Check the token or password, or create a new one on the platform, then verify again.</source>
        <translation>Kontrollera token eller lösenord, eller skapa ett nytt på plattformen, och verifiera sedan igen.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="78"/>
        <source>The platform asks to wait; try again later.</source>
        <translation>Plattformen ber dig vänta; försök igen senare.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="79"/>
        <source>Correct what the platform names and verify again.</source>
        <translation>Rätta det plattformen nämner och verifiera igen.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="80"/>
        <source>Check the server address and the network, then verify again.</source>
        <translation>Kontrollera serveradressen och nätverket och verifiera sedan igen.</translation>
    </message>
</context>
<context>
    <name>AccountStatus</name>
    <message>
        <location filename="../../ui/accounts/screen.py" line="50"/>
        <source>connected</source>
        <translation>ansluten</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="51"/>
        <source>needs reconnecting</source>
        <translation>måste anslutas på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="52"/>
        <source>rate limited</source>
        <translation>gränsen nådd</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="53"/>
        <source>suspended by the platform</source>
        <translation>avstängt av plattformen</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="54"/>
        <source>disabled</source>
        <translation>avaktiverat</translation>
    </message>
</context>
<context>
    <name>AccountsScreen</name>
    <message>
        <location filename="../../ui/accounts/screen.py" line="300"/>
        <source>Accounts</source>
        <translation>Konton</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="303"/>
        <source>Quarantine</source>
        <translation>Karantän</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="304"/>
        <source>Allow-list</source>
        <translation>Tillåtna</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="313"/>
        <source>Connect an account…</source>
        <translation>Anslut ett konto…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="314"/>
        <location filename="../../ui/accounts/screen.py" line="403"/>
        <source>Reconnect</source>
        <translation>Anslut på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="327"/>
        <location filename="../../ui/accounts/screen.py" line="413"/>
        <source>Only administrators connect accounts.</source>
        <translation>Endast administratörer ansluter konton.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Handle</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Display name</source>
        <translation>Visningsnamn</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="345"/>
        <source>No accounts yet. An administrator connects them here.</source>
        <translation>Inga konton ännu. En administratör ansluter dem här.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="384"/>
        <source>{count} accounts, {attention} need attention</source>
        <translation>Konton: {count}, behöver åtgärdas: {attention}</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="388"/>
        <source>{count} accounts, all connected</source>
        <translation>Konton: {count}, alla anslutna</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="401"/>
        <source>Reconnect (needed)</source>
        <translation>Anslut på nytt (behövs)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="426"/>
        <source>What a sync received but could not read. The rest of the sync went on.</source>
        <translation>Det som en synkronisering tog emot men inte kunde läsa. Resten av synkroniseringen fortsatte.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Received</source>
        <translation>Mottaget</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Payload</source>
        <translation>Innehåll</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="468"/>
        <source>The force&apos;s public numbers and addresses: the privacy guard lets these pass in posts. Entries shipped with the desk are shown greyed and cannot be removed.</source>
        <translation>Polisens offentliga nummer och adresser: integritetsskyddet släpper igenom dem i inlägg. Poster som följer med skrivbordet visas gråa och kan inte tas bort.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Label</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="491"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="492"/>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="493"/>
        <source>Address</source>
        <translation>Adress</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="497"/>
        <source>e.g. 0295 419 800</source>
        <translation>t.ex. 0295 419 800</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="499"/>
        <source>e.g. Switchboard</source>
        <translation>t.ex. Växel</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="500"/>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="501"/>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="528"/>
        <source>this force</source>
        <translation>denna polis</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="528"/>
        <source>shipped</source>
        <translation>medföljande</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="549"/>
        <source>{value} is allowed in posts now.</source>
        <translation>{value} är nu tillåtet i inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="560"/>
        <source>Select one of this force&apos;s entries to remove.</source>
        <translation>Välj en av polisens egna poster att ta bort.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="564"/>
        <source>Entries shipped with the desk cannot be removed.</source>
        <translation>Poster som följer med skrivbordet kan inte tas bort.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="570"/>
        <source>{value} was removed.</source>
        <translation>{value} togs bort.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="124"/>
        <source>Beat Desk cannot start</source>
        <translation>Beat Desk kan inte starta</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="125"/>
        <source>Try the demo without a keyring: desk --demo</source>
        <translation>Prova demon utan nyckelring: desk --demo</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="425"/>
        <source>Next: connect the force&apos;s platform accounts on the Accounts screen.</source>
        <translation>Nästa steg: anslut polisens plattformskonton i vyn Konton.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="578"/>
        <source>The demo&apos;s simulated platforms are not part of this build yet; the desk opens empty.</source>
        <translation>Demons simulerade plattformar ingår inte i den här versionen ännu; skrivbordet öppnas tomt.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="586"/>
        <source>Demo mode: starting the simulated platforms. Demo sign-in: {user} / {password}</source>
        <translation>Demoläge: de simulerade plattformarna startar. Demoinloggning: {user} / {password}</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <location filename="../../ui/widgets/photos.py" line="75"/>
        <location filename="../../ui/widgets/photos.py" line="77"/>
        <source>Removing metadata and blurring faces…</source>
        <translation>Tar bort metadata och gör ansikten suddiga…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="82"/>
        <source>Alt text (required): describe the photo for screen readers</source>
        <translation>Alternativtext (obligatorisk): beskriv bilden för skärmläsare</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="83"/>
        <source>Alt text</source>
        <translation>Alternativtext</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="86"/>
        <source>Review blur…</source>
        <translation>Granska suddningen…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="88"/>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/photos.py" line="112"/>
        <source>%n area(s) blurred, metadata removed.</source>
        <translation>
            <numerusform>%n område suddat, metadata borttagen.</numerusform>
            <numerusform>%n områden suddade, metadata borttagen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="116"/>
        <source>Smallest face that can be found: {px} px.</source>
        <translation>Minsta ansikte som kan hittas: {px} px.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/audit/screen.py" line="47"/>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="48"/>
        <source>When</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="49"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="50"/>
        <source>Workstation</source>
        <translation>Arbetsstation</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="51"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="52"/>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="53"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="54"/>
        <source>Details</source>
        <translation>Detaljer</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/audit/screen.py" line="120"/>
        <source>Audit</source>
        <translation>Granskningslogg</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="125"/>
        <source>Checking the audit chain…</source>
        <translation>Kontrollerar loggkedjan…</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="129"/>
        <source>Verify now</source>
        <translation>Verifiera nu</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="136"/>
        <source>Person (user name)</source>
        <translation>Person (användarnamn)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="138"/>
        <source>Action (report.*)</source>
        <translation>Åtgärd (report.*)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="140"/>
        <source>Object type</source>
        <translation>Objekttyp</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="142"/>
        <source>Object id</source>
        <translation>Objektets id</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Any time</source>
        <translation>Alla tider</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Last 7 days</source>
        <translation>Senaste 7 dagarna</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Last 30 days</source>
        <translation>Senaste 30 dagarna</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="150"/>
        <source>Apply</source>
        <translation>Verkställ</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="151"/>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="170"/>
        <source>‹ Newer</source>
        <translation>‹ Nyare</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="171"/>
        <source>Older ›</source>
        <translation>Äldre ›</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="225"/>
        <source>OK: {count} audit entries, chain intact</source>
        <translation>OK: loggposter {count}, kedjan intakt</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="229"/>
        <source> (entry no. {seq})</source>
        <translation> (post nr {seq})</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="231"/>
        <source>BROKEN{where}: {problem}</source>
        <translation>BRUTEN{where}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="267"/>
        <source>No matching entries</source>
        <translation>Inga matchande poster</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="272"/>
        <source>Entries {first}–{last} of {total}, newest first</source>
        <translation>Poster {first}–{last} av {total}, nyaste först</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="293"/>
        <source>You cannot see the audit log: {reason}</source>
        <translation>Du kan inte se granskningsloggen: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="311"/>
        <source>Export the audit log</source>
        <translation>Exportera granskningsloggen</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="311"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="332"/>
        <source>Audit log exported: {count} entries to {name}</source>
        <translation>Granskningsloggen exporterad till {name}: poster {count}</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../ui/background.py" line="105"/>
        <source>The background process keeps stopping (see {log}): this window now syncs and publishes itself.</source>
        <translation>Bakgrundsprocessen stannar gång på gång (se {log}): det här fönstret synkroniserar och publicerar nu självt.</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="115"/>
        <source>The background process stopped (exit code {code}); restarting it in {s} s.</source>
        <translation>Bakgrundsprocessen stannade (slutkod {code}); den startas om om {s} s.</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="148"/>
        <source>{n} accounts connected</source>
        <translation>Anslutna konton: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="189"/>
        <source>This desk syncs the inbox and publishes scheduled posts.</source>
        <translation>Den här arbetsplatsen synkroniserar inkorgen och publicerar schemalagda inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="193"/>
        <source>A headless runner drives syncs and publishing for this database; this desk follows.</source>
        <translation>En bakgrundskörning sköter synkronisering och publicering för den här databasen; den här arbetsplatsen följer.</translation>
    </message>
</context>
<context>
    <name>CalendarScreen</name>
    <message>
        <location filename="../../ui/calendar/screen.py" line="149"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="154"/>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="154"/>
        <source>Week</source>
        <translation>Vecka</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="154"/>
        <source>Month</source>
        <translation>Månad</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="164"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="172"/>
        <source>Stop all broadcasts</source>
        <translation>Stoppa publiceringen</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="182"/>
        <source>Press officers and supervisors can stop all broadcasts.</source>
        <translation>Kommunikatörer och förmän kan stoppa all publicering.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="184"/>
        <source>Resume…</source>
        <translation>Återuppta…</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="201"/>
        <source>Campaigns</source>
        <translation>Kampanjer</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="202"/>
        <location filename="../../ui/calendar/screen.py" line="353"/>
        <source>Appeals due</source>
        <translation>Förfallna</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="203"/>
        <location filename="../../ui/calendar/screen.py" line="378"/>
        <source>After the stop</source>
        <translation>Stoppade</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="209"/>
        <source>Drag a post to another day or hour to move it; click it to open it in Compose.</source>
        <translation>Dra ett inlägg till en annan dag eller timme för att flytta det; klicka för att öppna det i Skriv.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="218"/>
        <source>New campaign…</source>
        <translation>Ny kampanj…</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="229"/>
        <source>An appeal left up after the person is found or charged becomes a pillory: update or take it down.</source>
        <translation>En tipsbegäran som ligger kvar efter att personen hittats eller åtalats blir en skampåle: uppdatera eller ta bort den.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="240"/>
        <source>Update…</source>
        <translation>Uppdatera…</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="242"/>
        <source>Keep 7 more days</source>
        <translation>Behåll 7 dagar till</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="244"/>
        <source>Take down everywhere</source>
        <translation>Ta bort överallt</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="254"/>
        <source>Posts whose time passed during a stop wait here for a decision.</source>
        <translation>Inlägg vars tid passerade under ett stopp väntar här på beslut.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="259"/>
        <source>Post</source>
        <translation>Inlägg</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="259"/>
        <source>Decision</source>
        <translation>Beslut</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="259"/>
        <source>New time</source>
        <translation>Ny tid</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="264"/>
        <source>For all:</source>
        <translation>För alla:</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="270"/>
        <source>Apply decisions</source>
        <translation>Verkställ besluten</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="329"/>
        <source>Week {n}: {start} – {end}</source>
        <translation>Vecka {n}: {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="340"/>
        <source>{name} ({n} in view)</source>
        <translation>{name} ({n} i vyn)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="348"/>
        <source>found or charged</source>
        <translation>hittad eller åtalad</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="348"/>
        <source>review date reached</source>
        <translation>granskningsdatum nått</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="353"/>
        <source>Appeals due ({n})</source>
        <translation>Förfallna ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="375"/>
        <source>After the stop ({n})</source>
        <translation>Stoppade ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="404"/>
        <source>Post #{id} moved to {when}.</source>
        <translation>Inlägg #{id} flyttat till {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="434"/>
        <source>New campaign</source>
        <translation>Ny kampanj</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="434"/>
        <source>Campaign name</source>
        <translation>Kampanjens namn</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="441"/>
        <source>Campaign “{name}” created.</source>
        <translation>Kampanjen ”{name}” skapad.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="466"/>
        <source>All broadcasts stopped: {n} post(s) held.</source>
        <translation>All publicering stoppad. Inlägg som hålls kvar: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="479"/>
        <source>A supervisor resumes after a stop.</source>
        <translation>En förman återupptar efter ett stopp.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="488"/>
        <source>Broadcasting resumed. {n} post(s) passed their time during the stop.</source>
        <translation>Publiceringen återupptagen. Inlägg vars tid passerade under stoppet: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="516"/>
        <source>Decisions recorded for {n} post(s).</source>
        <translation>Besluten registrerade. Inlägg: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="538"/>
        <source>Appeal #{id} kept; asked again in 7 days.</source>
        <translation>Tipsbegäran #{id} behålls; frågas igen om 7 dagar.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="559"/>
        <source>Appeal #{id} could not be removed from {n} platform(s); try again.</source>
        <translation>Tipsbegäran #{id} kunde inte tas bort från alla plattformar (misslyckades: {n}); försök igen.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="565"/>
        <source>Appeal #{id} taken down everywhere.</source>
        <translation>Tipsbegäran #{id} borttagen överallt.</translation>
    </message>
</context>
<context>
    <name>ComposeScreen</name>
    <message>
        <location filename="../../ui/compose/screen.py" line="201"/>
        <source>Compose</source>
        <translation>Skriv</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="210"/>
        <source>Post to</source>
        <translation>Publicera på</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="212"/>
        <source>Loading accounts…</source>
        <translation>Läser in konton…</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="224"/>
        <source>Write the post once; each platform&apos;s version is on the right.</source>
        <translation>Skriv inlägget en gång; varje plattforms version finns till höger.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="226"/>
        <source>Post text</source>
        <translation>Inläggets text</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="237"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="244"/>
        <source>Content warning (where the platform has one)</source>
        <translation>Innehållsvarning (där plattformen har en)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="246"/>
        <source>Who may reply</source>
        <translation>Vem får svara</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="250"/>
        <source>Everyone</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="251"/>
        <source>Only mentioned accounts</source>
        <translation>Bara nämnda konton</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="252"/>
        <source>Only accounts we follow</source>
        <translation>Bara konton vi följer</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="253"/>
        <source>Nobody</source>
        <translation>Ingen</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="258"/>
        <source>Split into a numbered thread where a platform needs it</source>
        <translation>Dela upp i en numrerad tråd där plattformen kräver det</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="262"/>
        <source>Urgent: may use the share of the posting budget kept for replies</source>
        <translation>Brådskande: får använda den del av publiceringskvoten som hålls för svar</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="266"/>
        <source>Each account keeps part of its posting budget for replies and urgent posts. Tick this only for a post that cannot wait (a road closure, a warning): it is recorded with your name.</source>
        <translation>Varje konto håller en del av sin publiceringskvot för svar och brådskande inlägg. Markera detta bara för ett inlägg som inte kan vänta (en vägavstängning, en varning): valet registreras med ditt namn.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="272"/>
        <source>Photos</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="279"/>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="282"/>
        <source>As soon as possible</source>
        <translation>Så snart som möjligt</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="283"/>
        <source>At</source>
        <translation>Vid</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="284"/>
        <source>Add to queue (next free slot)</source>
        <translation>Lägg i kön (nästa lediga tid)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="294"/>
        <location filename="../../ui/compose/screen.py" line="446"/>
        <source>No campaign</source>
        <translation>Ingen kampanj</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="299"/>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="308"/>
        <source>Override…</source>
        <translation>Åsidosätt…</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="341"/>
        <source>Per platform</source>
        <translation>Per plattform</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="342"/>
        <location filename="../../ui/compose/screen.py" line="496"/>
        <source>Approvals</source>
        <translation>Godkännanden</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="343"/>
        <location filename="../../ui/compose/screen.py" line="517"/>
        <source>Deliveries</source>
        <translation>Leveranser</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="362"/>
        <source>Approve</source>
        <translation>Godkänn</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="364"/>
        <source>Reject</source>
        <translation>Avvisa</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="374"/>
        <source>Approve posts written by others. Nobody approves their own post.</source>
        <translation>Godkänn inlägg som andra har skrivit. Ingen godkänner sitt eget inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="376"/>
        <source>Press officers and supervisors approve posts; yours are listed here until they do.</source>
        <translation>Kommunikatörer och förmän godkänner inlägg; dina visas här tills de gör det.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="386"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="386"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="386"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="396"/>
        <source>An unconfirmed post may have gone out: look it up before anything is sent again.</source>
        <translation>Ett obekräftat inlägg kan ha gått ut: kontrollera det innan något skickas igen.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="401"/>
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="404"/>
        <location filename="../../ui/compose/screen.py" line="504"/>
        <source>Check before re-sending</source>
        <translation>Kontrollera innan nytt försök</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="414"/>
        <source>Schedule</source>
        <translation>Schemalägg</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="415"/>
        <source>Your posts are scheduled as soon as you submit them.</source>
        <translation>Dina inlägg schemaläggs så snart du skickar in dem.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="417"/>
        <source>Send for approval</source>
        <translation>Skicka för godkännande</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="419"/>
        <source>Your posts wait for a press officer or supervisor to approve them before they go out.</source>
        <translation>Dina inlägg väntar på godkännande av en kommunikatör eller förman innan de går ut.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="462"/>
        <source>No accounts are connected yet: an administrator connects them.</source>
        <translation>Inga konton är anslutna ännu: en administratör ansluter dem.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="468"/>
        <source>{handle} (needs reconnecting)</source>
        <translation>{handle} (måste anslutas på nytt)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="488"/>
        <source>when approved</source>
        <translation>när det godkänts</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="492"/>
        <source>(yours: a colleague must approve it)</source>
        <translation>(ditt: en kollega måste godkänna det)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="496"/>
        <source>Approvals ({n})</source>
        <translation>Godkännanden ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="517"/>
        <source>Deliveries ({n} to check)</source>
        <translation>Leveranser ({n} att kontrollera)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="558"/>
        <source>Shown by: {platforms}</source>
        <translation>Visas på: {platforms}</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="560"/>
        <source>None of the chosen platforms has content warnings.</source>
        <translation>Ingen av de valda plattformarna har innehållsvarningar.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="644"/>
        <source>Choose at least one account.</source>
        <translation>Välj minst ett konto.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="646"/>
        <source>Write the post.</source>
        <translation>Skriv inlägget.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="650"/>
        <source>Too long for {platform} ({length}/{limit}): shorten it or split it into a thread.</source>
        <translation>För långt för {platform} ({length}/{limit}): korta ner eller dela upp i en tråd.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="655"/>
        <source>Checking the text…</source>
        <translation>Kontrollerar texten…</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="657"/>
        <source>The privacy guard found what could identify a person (underlined).</source>
        <translation>Integritetsskyddet hittade något som kan identifiera en person (understruket).</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="681"/>
        <source>Override ready: {n} finding(s) will be published as written.</source>
        <translation>Åsidosättning klar: fynd {n}, de publiceras som de är skrivna.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="757"/>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="759"/>
        <source>Scheduled for {when} on {n} account(s).</source>
        <translation>Schemalagt till {when}. Konton: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="761"/>
        <source>Sent for approval: a press officer or supervisor must approve it before it goes out.</source>
        <translation>Skickat för godkännande: en kommunikatör eller förman måste godkänna det innan det går ut.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="763"/>
        <source>({parts} posts in the thread.)</source>
        <translation>(Inlägg i tråden: {parts}.)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="828"/>
        <source>Editing post #{id} ({state}): submitting replaces it.</source>
        <translation>Redigerar inlägg #{id} ({state}): att skicka in ersätter det.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="832"/>
        <source>Post #{id} already went out: submitting makes a new post.</source>
        <translation>Inlägg #{id} har redan gått ut: att skicka in skapar ett nytt inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="845"/>
        <source>Nobody approves their own post: ask a colleague.</source>
        <translation>Ingen godkänner sitt eget inlägg: be en kollega.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="860"/>
        <source>Post #{id} approved and scheduled.</source>
        <translation>Inlägg #{id} godkänt och schemalagt.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="873"/>
        <source>Post #{id} rejected.</source>
        <translation>Inlägg #{id} avvisat.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="899"/>
        <source>It did go out on {platform}: marked as published.</source>
        <translation>Det gick ut på {platform}: markerat som publicerat.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="901"/>
        <source>Not found on {platform}: it will be sent again.</source>
        <translation>Hittades inte på {platform}: det skickas igen.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../ui/accounts/screen.py" line="100"/>
        <source>Reconnect an account</source>
        <translation>Anslut ett konto på nytt</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="100"/>
        <source>Connect an account</source>
        <translation>Anslut ett konto</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="112"/>
        <source>e.g. @helsinkipolice or police@mastodon.social</source>
        <translation>t.ex. @helsinkipolice eller police@mastodon.social</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="115"/>
        <source>Change it for a self-hosted Mastodon server or a Bluesky PDS.</source>
        <translation>Ändra för en egen Mastodon-server eller en Bluesky-PDS.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="116"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="117"/>
        <source>Handle</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="118"/>
        <source>Display name</source>
        <translation>Visningsnamn</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="119"/>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="132"/>
        <source>Verify</source>
        <translation>Verifiera</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="133"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="135"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="205"/>
        <source>Asking {platform}…</source>
        <translation>Frågar {platform}…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="215"/>
        <source>Verified: this is {name} ({handle}). Save to connect it.</source>
        <translation>Verifierat: detta är {name} ({handle}). Spara för att ansluta kontot.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="238"/>
        <source>Verify the account first.</source>
        <translation>Verifiera kontot först.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="254"/>
        <source>{handle} on {platform} is connected.</source>
        <translation>{handle} på {platform} är anslutet.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="92"/>
        <source>Beat Desk ran into a bug</source>
        <translation>Beat Desk stötte på ett programfel</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="99"/>
        <source>Something went wrong inside Beat Desk. Your work is saved and the desk keeps running. Please copy this report and send it to your administrator. It holds no passwords or tokens.</source>
        <translation>Något gick fel i Beat Desk. Ditt arbete är sparat och skrivbordet fortsätter att fungera. Kopiera rapporten och skicka den till din administratör. Den innehåller inga lösenord eller token.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="112"/>
        <source>Copy report</source>
        <translation>Kopiera rapporten</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="116"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>DeskMessages</name>
    <message>
        <location filename="../../ui/desk_messages.py" line="194"/>
        <location filename="../../ui/i18n.py" line="39"/>
        <source>The user name or password is not right.</source>
        <extracomment>code -&gt; translatable source text (English, with ``{param}`` placeholders)</extracomment>
        <translation>Användarnamnet eller lösenordet är fel.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="198"/>
        <location filename="../../ui/i18n.py" line="40"/>
        <source>{username} is not allowed to {action}.</source>
        <translation>{username} har inte behörighet att {action}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="196"/>
        <location filename="../../ui/i18n.py" line="41"/>
        <source>A user name needs letters or digits (and may use . _ -): {username!r}</source>
        <translation>Ett användarnamn behöver bokstäver eller siffror (och får innehålla . _ -): {username!r}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="182"/>
        <source>The server address must look like https://example.org (got {url!r}).</source>
        <translation>Serveradressen ska se ut som https://example.org (angiven {url!r}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="183"/>
        <source>Sandbox accounts can only be created in demo mode.</source>
        <translation>Sandlådekonton kan bara skapas i demoläge.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="184"/>
        <source>Use https:// for {url}: tokens must not travel unencrypted.</source>
        <translation>Använd https:// för {url}: token får inte skickas okrypterade.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="185"/>
        <source>The credentials of {handle} on {platform} are missing from the keyring: reconnect the account.</source>
        <translation>Inloggningsuppgifterna för {handle} på {platform} saknas i nyckelringen: anslut kontot på nytt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="186"/>
        <source>Give the account&apos;s handle.</source>
        <translation>Ange kontots användarnamn.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="187"/>
        <source>Account {id} does not exist.</source>
        <translation>Konto {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="188"/>
        <source>{value} is already on the force&apos;s allow-list.</source>
        <translation>{value} finns redan på polisens lista över tillåtna uppgifter.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="189"/>
        <source>{value} is not on the force&apos;s allow-list.</source>
        <translation>{value} finns inte på polisens lista över tillåtna uppgifter.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="190"/>
        <source>{value} is shipped with the desk and cannot be removed.</source>
        <translation>{value} följer med programmet och kan inte tas bort.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="191"/>
        <source>Post {id} is not an appeal.</source>
        <translation>Inlägg {id} är inte en efterlysning.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="192"/>
        <source>Choose a later review date to keep the appeal up.</source>
        <translation>Välj ett senare granskningsdatum för att låta efterlysningen ligga kvar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="195"/>
        <source>Choose at least one role for the person.</source>
        <translation>Välj minst en roll för personen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="197"/>
        <location filename="../../ui/i18n.py" line="44"/>
        <source>Give the person&apos;s name as colleagues know it.</source>
        <translation>Ange personens namn så som kollegerna känner till det.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="199"/>
        <location filename="../../ui/i18n.py" line="45"/>
        <source>A password needs at least {n} characters.</source>
        <translation>Ett lösenord behöver minst {n} tecken.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="193"/>
        <location filename="../../ui/i18n.py" line="46"/>
        <source>This desk already has users; sign in as an administrator.</source>
        <translation>Skrivbordet har redan användare; logga in som administratör.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="200"/>
        <location filename="../../ui/i18n.py" line="49"/>
        <source>The user name {username} is taken.</source>
        <translation>Användarnamnet {username} är upptaget.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="201"/>
        <source>The preset {path} cannot be read: {detail}</source>
        <translation>Förinställningen {path} kan inte läsas: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="202"/>
        <source>The call feed {url} cannot be read ({detail}); {failures} failed tries, next try at {next}.</source>
        <translation>Anmälningsflödet {url} kan inte läsas ({detail}); {failures} misslyckade försök, nästa försök {next}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="203"/>
        <source>The watched folder {folder} does not exist.</source>
        <translation>Den bevakade mappen {folder} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="204"/>
        <source>The column mapping has no column for {fields}; map one before importing.</source>
        <translation>Kolumnmappningen saknar kolumn för {fields}; mappa en innan importen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="205"/>
        <source>The file has no column named {columns}.</source>
        <translation>Filen har ingen kolumn som heter {columns}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="206"/>
        <source>There is no preset {name!r}; known: {known}.</source>
        <translation>Det finns ingen förinställning {name!r}; kända: {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="207"/>
        <source>The file {path} cannot be read: {detail}</source>
        <translation>Filen {path} kan inte läsas: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="208"/>
        <source>The file {path} does not exist.</source>
        <translation>Filen {path} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="209"/>
        <source>The campaign must end after it starts.</source>
        <translation>Kampanjen måste sluta efter att den börjar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="210"/>
        <source>Give the campaign a name.</source>
        <translation>Ge kampanjen ett namn.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="211"/>
        <source>The reply&apos;s braces do not pair up ({detail}); write variables as {{name}}.</source>
        <translation>Svarets klammerparenteser går inte jämnt ut ({detail}); skriv variabler som {{name}}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="212"/>
        <source>Language must be one of {langs}.</source>
        <translation>Språket ska vara ett av {langs}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="213"/>
        <source>A canned reply needs some text.</source>
        <translation>Ett färdigt svar behöver text.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="214"/>
        <source>Fill in {variables} before sending.</source>
        <translation>Fyll i {variables} innan du skickar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="215"/>
        <source>Give the reply a name.</source>
        <translation>Ge svaret ett namn.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="216"/>
        <source>Canned reply {id} does not exist.</source>
        <translation>Färdigt svar {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="217"/>
        <source>Unknown variable {{{variable}}}; the known ones are {known}.</source>
        <translation>Okänd variabel {{{variable}}}; de kända är {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="218"/>
        <source>The demo could not start: {detail}</source>
        <translation>Demoläget kunde inte starta: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="219"/>
        <source>Emergency {id} was already acknowledged at {at}.</source>
        <translation>Nödsituation {id} kvitterades redan {at}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="220"/>
        <source>Emergency {id} was already handed over.</source>
        <translation>Nödsituation {id} har redan överlämnats.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="221"/>
        <source>Say how the control room was told (who, how, their reference).</source>
        <translation>Berätta hur nödcentralen underrättades (vem, hur, deras referens).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="222"/>
        <source>An emergency is acknowledged by a named officer.</source>
        <translation>En nödsituation kvitteras av en namngiven polis.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="223"/>
        <source>Emergency {id} has no conversation.</source>
        <translation>Nödsituation {id} har ingen konversation.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="224"/>
        <source>Replies need the inbox service.</source>
        <translation>Svar behöver inkorgstjänsten.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="225"/>
        <source>The emergency canned reply is missing; seed the canned replies.</source>
        <translation>Det färdiga svaret för nödsituationer saknas; lägg in de färdiga svaren.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="226"/>
        <source>Emergency {id} does not exist.</source>
        <translation>Nödsituation {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="227"/>
        <source>That column no longer exists.</source>
        <translation>Kolumnen finns inte längre.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="228"/>
        <source>A search or hashtag column needs something to search for.</source>
        <translation>En sök- eller hashtaggkolumn behöver något att söka efter.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="229"/>
        <source>A search is at most 500 characters.</source>
        <translation>En sökning är högst 500 tecken.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="230"/>
        <source>At most {n} columns fit on the feeds screen.</source>
        <translation>Högst {n} kolumner ryms på flödesskärmen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="231"/>
        <source>Allow-list entry {entry} needs a kind (phone, email, address) and a value.</source>
        <translation>Posten {entry} på listan över tillåtna behöver en typ (telefon, e-post, adress) och ett värde.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="232"/>
        <source>An allow-list entry has an empty value.</source>
        <translation>En post på listan över tillåtna har ett tomt värde.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="233"/>
        <source>The allow-list {path} has no &apos;entries&apos; list.</source>
        <translation>Listan över tillåtna {path} har ingen &apos;entries&apos;-lista.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="234"/>
        <source>Cannot read the allow-list {path}: {reason}</source>
        <translation>Listan över tillåtna {path} kan inte läsas: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="235"/>
        <source>A {before} conversation cannot be set to {after}; it can become: {allowed}.</source>
        <translation>En konversation med status {before} kan inte få status {after}; möjliga: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="236"/>
        <source>A note needs some text.</source>
        <translation>En anteckning behöver text.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="237"/>
        <source>A tag needs some text.</source>
        <translation>En tagg behöver text.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="238"/>
        <source>The desk cannot check replies: no platform capabilities given.</source>
        <translation>Svar kan inte kontrolleras: plattformens egenskaper saknas.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="239"/>
        <source>Conversation {id} does not exist.</source>
        <translation>Konversation {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="240"/>
        <source>There is no active person with id {id}.</source>
        <translation>Det finns ingen aktiv person med id {id}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="241"/>
        <source>You have no saved view {id}.</source>
        <translation>Du har ingen sparad vy {id}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="242"/>
        <source>{name} does not work the inbox and cannot be assigned.</source>
        <translation>{name} arbetar inte med inkorgen och kan inte tilldelas.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="243"/>
        <source>Give the view a name.</source>
        <translation>Ge vyn ett namn.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="244"/>
        <source>Only a signed-in person has saved views.</source>
        <translation>Bara en inloggad person har sparade vyer.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="245"/>
        <source>A critical-incident stop is already on.</source>
        <translation>Ett stopp för allvarlig händelse är redan på.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="246"/>
        <source>The holding statement was not found.</source>
        <translation>Det väntande meddelandet hittades inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="247"/>
        <source>No critical-incident stop is on.</source>
        <translation>Inget stopp för allvarlig händelse är på.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="248"/>
        <source>Post {id} is not waiting for a decision.</source>
        <translation>Inlägg {id} väntar inte på ett beslut.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="249"/>
        <source>Say why broadcasting stops (it is recorded).</source>
        <translation>Ange varför publiceringen stoppas (det registreras).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="250"/>
        <source>Choose a future time for post {id}.</source>
        <translation>Välj en framtida tid för inlägg {id}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="251"/>
        <source>A photo of this post changed on disk; attach it again.</source>
        <translation>Ett foto i inlägget har ändrats på disken; bifoga det igen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="252"/>
        <source>A photo of this post is missing from the media folder; attach it again.</source>
        <translation>Ett foto i inlägget saknas i mediemappen; bifoga det igen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="253"/>
        <source>Describe the photo in a few words (alt text) before adding it.</source>
        <translation>Beskriv fotot med några ord (alternativtext) innan du lägger till det.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="254"/>
        <source>No public holidays are known for country {c!r}.</source>
        <translation>Inga allmänna helgdagar är kända för landet {c!r}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="255"/>
        <source>Weekday {d} is not 0 (Monday) to 6.</source>
        <translation>Veckodag {d} är inte 0 (måndag) till 6.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="256"/>
        <source>On {day} the interval {start}–{end} ends before it starts.</source>
        <translation>På {day} slutar intervallet {start}–{end} innan det börjar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="257"/>
        <source>Unknown time zone {tz!r}.</source>
        <translation>Okänd tidszon {tz!r}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="258"/>
        <source>Office hours cannot be read: {e}</source>
        <translation>Öppettiderna kan inte läsas: {e}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="259"/>
        <source>Choose where the log is published.</source>
        <translation>Välj var loggen publiceras.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="260"/>
        <source>Write something or add a photo.</source>
        <translation>Skriv något eller lägg till ett foto.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="261"/>
        <source>This shift has ended.</source>
        <translation>Det här passet har avslutats.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="262"/>
        <source>The log has no entries to publish.</source>
        <translation>Loggen har inga poster att publicera.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="263"/>
        <source>Shift {id} does not exist.</source>
        <translation>Pass {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="264"/>
        <source>Only the officer on the shift writes its log.</source>
        <translation>Bara polisen i passet skriver dess logg.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="265"/>
        <source>A patrol log belongs to a person: sign in first.</source>
        <translation>En patrullogg tillhör en person: logga in först.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="266"/>
        <source>Give the shift a title (e.g. &apos;Night patrol, Kallio&apos;).</source>
        <translation>Ge passet en rubrik (t.ex. &apos;Nattpatrull, Berghäll&apos;).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="267"/>
        <source>This file is not a photo the desk can read ({detail}).</source>
        <translation>Filen är inte ett foto som programmet kan läsa ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="268"/>
        <source>{fmt} images are not supported: use JPEG or PNG.</source>
        <translation>{fmt}-bilder stöds inte: använd JPEG eller PNG.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="269"/>
        <source>Queue times look like 08:30 ({detail}).</source>
        <translation>Kötider skrivs som 08:30 ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="270"/>
        <source>This post already went out and cannot be moved.</source>
        <translation>Inlägget har redan gått ut och kan inte flyttas.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="271"/>
        <source>Give at least one queue time.</source>
        <translation>Ange minst en kötid.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="272"/>
        <source>Post {id} does not exist.</source>
        <translation>Inlägg {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="273"/>
        <source>A post cannot be moved into the past.</source>
        <translation>Ett inlägg kan inte flyttas bakåt i tiden.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="274"/>
        <source>No free queue slot in the next {days} days.</source>
        <translation>Ingen ledig köplats under de närmaste {days} dagarna.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="275"/>
        <source>{handle} on {platform} needs reconnecting before anything can be queued for it.</source>
        <translation>{handle} på {platform} måste anslutas på nytt innan något kan köas för det.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="276"/>
        <source>Alt text is limited to {n} characters on {platform}.</source>
        <translation>Alternativtext är högst {n} tecken på {platform}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="277"/>
        <source>The publishing time {due} is in the past; choose a later time.</source>
        <translation>Publiceringstiden {due} har passerat; välj en senare tid.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="278"/>
        <source>The text for {handle} is empty.</source>
        <translation>Texten för {handle} är tom.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="279"/>
        <source>The text for {target} contains what could identify a person ({kinds}). Remove it, or ask a supervisor to override with a reason.</source>
        <translation>Texten för {target} innehåller något som kan identifiera en person ({kinds}). Ta bort det, eller be en förman att åsidosätta med motivering.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="280"/>
        <source>A photo is {mb:.1f} MB; {platform} takes at most {limit:.1f} MB.</source>
        <translation>Ett foto är {mb:.1f} MB; {platform} tar högst {limit:.1f} MB.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="281"/>
        <source>{platform} does not take photos and a video in the same post.</source>
        <translation>{platform} tar inte bilder och en video i samma inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="282"/>
        <source>{platform} posts need a photo ({handle}).</source>
        <translation>Inlägg på {platform} behöver ett foto ({handle}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="283"/>
        <source>Choose at least one account to publish to.</source>
        <translation>Välj minst ett konto att publicera på.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="284"/>
        <source>Only a draft can be submitted (this one is {state}).</source>
        <translation>Bara ett utkast kan skickas in (det här är {state}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="285"/>
        <source>This post is not awaiting approval (it is {state}).</source>
        <translation>Inlägget väntar inte på godkännande (det är {state}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="286"/>
        <source>Outbound item {id} does not exist.</source>
        <translation>Utgående inlägg {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="287"/>
        <source>This delivery is not waiting for a check.</source>
        <translation>Den här leveransen väntar inte på en kontroll.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="288"/>
        <source>Only the author can submit this draft.</source>
        <translation>Bara författaren kan skicka in utkastet.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="289"/>
        <source>Say why the guard is overridden (at least 10 characters).</source>
        <translation>Ange varför kontrollen åsidosätts (minst 10 tecken).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="290"/>
        <source>Nobody approves their own post: ask a colleague.</source>
        <translation>Ingen godkänner sitt eget inlägg: be en kollega.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="291"/>
        <source>{platform} cannot limit replies that way ({handle}): choose another setting or leave that account out.</source>
        <translation>{platform} kan inte begränsa svar så ({handle}): välj en annan inställning eller lämna bort kontot.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="292"/>
        <source>At {due} {handle} on {platform} would use its reserve for replies and urgent posts ({percent} % of its posting budget). Choose another time, add the post to the queue, or mark it urgent.</source>
        <translation>Vid {due} skulle {handle} på {platform} använda sin reserv för svar och brådskande inlägg ({percent} % av publiceringskvoten). Välj en annan tid, lägg inlägget i kön eller markera det som brådskande.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="293"/>
        <source>This text cannot be split into a thread: {detail}</source>
        <translation>Texten kan inte delas upp i en tråd: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="294"/>
        <source>The text for {handle} is {length} of {limit} characters as {platform} counts them.</source>
        <translation>Texten för {handle} är {length} av {limit} tecken som {platform} räknar dem.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="295"/>
        <source>{platform} takes at most {n} photos in one post.</source>
        <translation>{platform} tar högst {n} foton i ett inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="296"/>
        <source>{platform} takes at most {n} video(s) in one post.</source>
        <translation>{platform}: högst {n} videor i ett inlägg.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="297"/>
        <source>Unknown account(s): {ids}</source>
        <translation>Okända konton: {ids}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="298"/>
        <source>{platform} does not take {mime} images.</source>
        <translation>{platform} tar inte emot {mime}-bilder.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="299"/>
        <source>{platform} does not take {mime} videos.</source>
        <translation>{platform} tar inte emot {mime}-videor.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="300"/>
        <source>A video is {mb:.1f} MB; {platform} takes at most {limit:.1f} MB.</source>
        <translation>En video är {mb:.1f} MB; {platform} tar högst {limit:.1f} MB.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="301"/>
        <source>A hold is on a conversation or a person, with a subject.</source>
        <translation>Ett bevarandebeslut gäller en konversation eller en person och har ett ämne.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="302"/>
        <source>A retention period is 1 day to 100 years, not {days}.</source>
        <translation>En lagringstid är 1 dag till 100 år, inte {days}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="303"/>
        <source>The date range is empty: its end is not after its start.</source>
        <translation>Datumintervallet är tomt: slutet ligger inte efter början.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="304"/>
        <source>Legal hold {id} does not exist.</source>
        <translation>Bevarandebeslut {id} finns inte.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="305"/>
        <source>Name at least one handle or platform id of the person.</source>
        <translation>Ange minst ett användarnamn eller plattforms-id för personen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="306"/>
        <source>Unknown record type {type}.</source>
        <translation>Okänd posttyp {type}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="307"/>
        <source>The reply is empty.</source>
        <translation>Svaret är tomt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="308"/>
        <source>{platform} does not allow private replies from the desk.</source>
        <translation>{platform} tillåter inte privata svar från programmet.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="309"/>
        <source>Reply {id} is not waiting for approval.</source>
        <translation>Svar {id} väntar inte på godkännande.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="310"/>
        <source>Nobody approves their own reply.</source>
        <translation>Ingen godkänner sitt eget svar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="311"/>
        <source>This is a private conversation: the reply can only be sent privately.</source>
        <translation>Det här är en privat konversation: svaret kan bara skickas privat.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="312"/>
        <source>The reply is {length} characters as {platform} counts them; the limit is {limit}. Shorten it by {over}.</source>
        <translation>Svaret är {length} tecken som {platform} räknar dem; gränsen är {limit}. Korta det med {over}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="313"/>
        <source>The reply is {bytes} bytes; {platform} allows {limit}.</source>
        <translation>Svaret är {bytes} byte; {platform} tillåter {limit}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="314"/>
        <source>{platform} accepts private replies only within {hours} hours of the person&apos;s last message (the window closed at {closed}). Ask them to write again, or answer another way.</source>
        <translation>{platform} tar emot privata svar bara inom {hours} timmar från personens senaste meddelande (fönstret stängdes {closed}). Be personen skriva igen, eller svara på annat sätt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="315"/>
        <source>{platform} refuses engagement figures for {handle}; they are missing from this report.</source>
        <translation>{platform} lämnar inte ut engagemangssiffror för {handle}; de saknas i rapporten.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="316"/>
        <source>Nothing happened in this date range.</source>
        <translation>Ingenting hände under det här datumintervallet.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="317"/>
        <source>Only the newest {limit} publications are listed.</source>
        <translation>Bara de {limit} senaste publiceringarna visas.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="318"/>
        <source>These settings were written by a newer Beat Desk (schema {version}); update this desk.</source>
        <translation>Inställningarna skrevs av en nyare Beat Desk (schema {version}); uppdatera det här programmet.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="319"/>
        <location filename="../../ui/i18n.py" line="50"/>
        <source>Stored settings cannot be read: {detail}</source>
        <translation>De sparade inställningarna kan inte läsas: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="320"/>
        <source>{handle} on {platform} is {status}: it is not synced until it is reconnected.</source>
        <translation>{handle} på {platform} är {status}: det synkroniseras inte förrän det ansluts på nytt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="321"/>
        <source>{platform} no longer accepts the sign-in of {handle}: an administrator must reconnect the account (Settings → Accounts). Its inbox is not synced until then.</source>
        <translation>{platform} godtar inte längre inloggningen för {handle}: en administratör måste ansluta kontot på nytt (Inställningar → Konton). Dess inkorg synkroniseras inte förrän dess.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="322"/>
        <source>The sync of {handle} on {platform} failed ({detail}); it will try again at {next}.</source>
        <translation>Synkroniseringen av {handle} på {platform} misslyckades ({detail}); nytt försök {next}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="323"/>
        <source>{platform} serves only the newest part of {handle}&apos;s {stream}: messages between the last sync and {oldest} could not be fetched. Check the account on {platform} itself for anything older.</source>
        <translation>{platform} ger bara den nyaste delen av {handle}s {stream}: meddelanden mellan senaste synkroniseringen och {oldest} kunde inte hämtas. Kontrollera kontot direkt på {platform} för äldre meddelanden.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="324"/>
        <source>{platform} asked the desk to wait for {handle}; the next sync is at {until}.</source>
        <translation>{platform} bad programmet vänta med {handle}; nästa synkronisering är {until}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="325"/>
        <source>{file}:{line}: {problem}</source>
        <translation>{file}:{line}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="326"/>
        <source>Accounts look like x:3,mastodon:1,bluesky:1 (got {spec!r}).</source>
        <translation>Konton anges som x:3,mastodon:1,bluesky:1 (angivet {spec!r}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="327"/>
        <source>Between 1 and 20 accounts per platform.</source>
        <translation>Mellan 1 och 20 konton per plattform.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="328"/>
        <source>Name at least one account, e.g. x:3.</source>
        <translation>Ange minst ett konto, t.ex. x:3.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="329"/>
        <source>The file has no calls that could be read.</source>
        <translation>Filen har inga anmälningar som kunde läsas.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="330"/>
        <source>There is no tweetathon {name!r}.</source>
        <translation>Det finns inget tweetaton {name!r}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="331"/>
        <source>The sandbox refused a {platform} account: {detail}</source>
        <translation>Sandlådan avvisade ett {platform}-konto: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="332"/>
        <source>Choose at least one account to post on.</source>
        <translation>Välj minst ett konto att publicera på.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="333"/>
        <source>There is no account {ids}.</source>
        <translation>Det finns inget konto {ids}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="334"/>
        <source>The delay is between 0 minutes and 24 hours.</source>
        <translation>Fördröjningen är mellan 0 minuter och 24 timmar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="335"/>
        <source>A tweetathon needs a name of 1 to 200 characters.</source>
        <translation>Ett tweetaton behöver ett namn på 1 till 200 tecken.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="336"/>
        <source>Name the call source the tweetathon posts from.</source>
        <translation>Ange anmälningskällan som tweetatonet publicerar från.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="337"/>
        <source>Start and end need a time zone.</source>
        <translation>Start och slut behöver en tidszon.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="338"/>
        <source>The tweetathon must end after it starts.</source>
        <translation>Tweetatonet måste sluta efter att det börjar.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="339"/>
        <source>The speed must be a positive number.</source>
        <translation>Hastigheten ska vara ett positivt tal.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="340"/>
        <source>--start needs a time zone, e.g. 2022-02-07T00:00-08:00.</source>
        <translation>--start behöver en tidszon, t.ex. 2022-02-07T00:00-08:00.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="341"/>
        <source>--start takes an ISO time such as 2022-02-07T00:00-08:00.</source>
        <translation>--start tar en ISO-tid som 2022-02-07T00:00-08:00.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="342"/>
        <source>The template&apos;s braces do not pair up: {detail}</source>
        <translation>Mallens klammerparenteser går inte jämnt ut: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="343"/>
        <source>Unknown template field {{{field}}}; allowed: {allowed}.</source>
        <translation>Okänt mallfält {{{field}}}; tillåtna: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="344"/>
        <source>There is no preset {name!r}; shipped ones: {names}.</source>
        <translation>Det finns ingen förinställning {name!r}; medföljande: {names}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="345"/>
        <source>The public wording cannot contain braces.</source>
        <translation>Den offentliga formuleringen får inte innehålla klammerparenteser.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="346"/>
        <source>The public wording cannot be empty.</source>
        <translation>Den offentliga formuleringen får inte vara tom.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="347"/>
        <source>Keep the public wording under {n} characters.</source>
        <translation>Håll den offentliga formuleringen under {n} tecken.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="348"/>
        <source>There is no wording for {type} in {lang}.</source>
        <translation>Det finns ingen formulering för {type} på {lang}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="349"/>
        <source>Name the call type the wording is for.</source>
        <translation>Ange anmälningstypen som formuleringen gäller.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="51"/>
        <source>The account&apos;s sign-in has expired; reconnect it on the Accounts screen. ({detail})</source>
        <translation>Kontots inloggning har gått ut; anslut det på nytt i vyn Konton. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="54"/>
        <source>The platform asks us to slow down; the desk will try again later. ({detail})</source>
        <translation>Plattformen ber oss sakta ner; skrivbordet försöker igen senare. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="57"/>
        <source>The platform refused: {detail}</source>
        <translation>Plattformen avvisade: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="58"/>
        <source>The platform could not be reached; nothing was sent. ({detail})</source>
        <translation>Plattformen gick inte att nå; inget skickades. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="61"/>
        <source>It is not known whether the platform received this; check before sending again. ({detail})</source>
        <translation>Det är okänt om plattformen tog emot detta; kontrollera innan du skickar igen. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="64"/>
        <source>The platform reported a problem: {detail}</source>
        <translation>Plattformen rapporterade ett problem: {detail}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="216"/>
        <location filename="../../ui/signin.py" line="226"/>
        <source>Welcome to Beat Desk</source>
        <translation>Välkommen till Beat Desk</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="231"/>
        <source>This desk has no users yet. Set it up for your station, or try it first with simulated residents on local stand-ins for the platforms.</source>
        <translation>Skrivbordet har inga användare ännu. Ta det i bruk för din station, eller prova det först med simulerade invånare och lokala ersättare för plattformarna.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="238"/>
        <source>Set up this desk</source>
        <translation>Ta skrivbordet i bruk</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="241"/>
        <source>Try the demo</source>
        <translation>Prova demon</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="250"/>
        <source>Create the administrator</source>
        <translation>Skapa administratören</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="253"/>
        <source>The administrator adds people, connects accounts and changes settings.</source>
        <translation>Administratören lägger till personer, ansluter konton och ändrar inställningar.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="264"/>
        <source>At least {n} characters</source>
        <translation>Minst {n} tecken</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="268"/>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="269"/>
        <source>Full name</source>
        <translation>Fullständigt namn</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="270"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="271"/>
        <source>Repeat password</source>
        <translation>Upprepa lösenordet</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="279"/>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="281"/>
        <source>Create administrator</source>
        <translation>Skapa administratör</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="294"/>
        <source>The desk is set up</source>
        <translation>Skrivbordet är i bruk</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="299"/>
        <source>You are signed in as the administrator. Next, connect the force&apos;s platform accounts on the Accounts screen, and add your colleagues.</source>
        <translation>Du är inloggad som administratör. Anslut sedan polisens plattformskonton i vyn Konton och lägg till dina kolleger.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="306"/>
        <source>Open the desk</source>
        <translation>Öppna skrivbordet</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="321"/>
        <source>The two passwords differ.</source>
        <translation>Lösenorden stämmer inte överens.</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <location filename="../../ui/widgets/incident_banner.py" line="73"/>
        <source>CRITICAL-INCIDENT STOP since {since} by {who}: {reason}. {held} post(s) held; no broadcasts go out.</source>
        <translation>STOPP VID ALLVARLIG HÄNDELSE sedan {since}, av {who}: {reason}. Inlägg som hålls kvar: {held}; inget publiceras.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/incident_banner.py" line="78"/>
        <source>Replies to citizens are stopped too.</source>
        <translation>Även svar till medborgare är stoppade.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/signin.py" line="361"/>
        <source>Beat Desk is locked</source>
        <translation>Beat Desk är låst</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="365"/>
        <source>Signed in: {name} ({username}). Enter the password to continue.</source>
        <translation>Inloggad: {name} ({username}). Ange lösenordet för att fortsätta.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="375"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="383"/>
        <source>Switch user</source>
        <translation>Byt användare</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="385"/>
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="404"/>
        <source>That is not the password of {name}.</source>
        <translation>Det är inte lösenordet för {name}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>Opening the desk…</source>
        <translation>Öppnar skrivbordet…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>The desk could not be opened. Close this window and start Beat Desk again.</source>
        <translation>Skrivbordet kunde inte öppnas. Stäng fönstret och starta Beat Desk igen.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>DEMO MODE — simulated residents on local stand-ins for the platforms. Nothing here reaches a real platform, and this is not the real desk&apos;s database.</source>
        <translation>DEMOLÄGE — simulerade invånare och lokala ersättare för plattformarna. Inget når en riktig plattform, och detta är inte det riktiga skrivbordets databas.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Beat Desk</source>
        <translation>Beat Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>{screen} (Ctrl+{n})</source>
        <translation>{screen} (Ctrl+{n})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>{title} — DEMO MODE</source>
        <translation>{title} — DEMOLÄGE</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>{name} · {roles}</source>
        <translation>{name} · {roles}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>Signed in as {username}</source>
        <translation>Inloggad som {username}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="398"/>
        <source>● No accounts connected</source>
        <translation>● Inga anslutna konton</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>● Online</source>
        <translation>● Ansluten</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>● Some platforms unreachable</source>
        <translation>● Vissa plattformar svarar inte</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="401"/>
        <source>● Offline</source>
        <translation>● Ingen anslutning</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Rate limits OK</source>
        <translation>Anropsgränser OK</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Rate limits low</source>
        <translation>Anropsgränser nästan nådda</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Rate limited</source>
        <translation>Anropsgräns nådd</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="425"/>
        <source>&amp;Desk</source>
        <translation>&amp;Skrivbord</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="426"/>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="427"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../ui/compose/screen.py" line="93"/>
        <source>Override the privacy guard</source>
        <translation>Åsidosätt integritetsskyddet</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="96"/>
        <source>These findings will be published as written. Your name and reason are recorded.</source>
        <translation>Dessa fynd publiceras som de är skrivna. Ditt namn och din motivering registreras.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="103"/>
        <source>Why must this be published as written? (at least 10 characters)</source>
        <translation>Varför måste detta publiceras som det är skrivet? (minst 10 tecken)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="107"/>
        <source>Override</source>
        <translation>Åsidosätt</translation>
    </message>
</context>
<context>
    <name>PatrolScreen</name>
    <message>
        <location filename="../../ui/patrol/screen.py" line="108"/>
        <source>Patrol log</source>
        <translation>Patrullogg</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="120"/>
        <source>Start a shift</source>
        <translation>Börja ett skift</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="124"/>
        <source>e.g. Night patrol, Kallio</source>
        <translation>t.ex. Nattpatrull, Berghäll</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="126"/>
        <source>District or area (no house numbers)</source>
        <translation>Stadsdel eller område (inga husnummer)</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="127"/>
        <source>Title</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="129"/>
        <location filename="../../ui/patrol/screen.py" line="177"/>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Area</source>
        <translation>Område</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="132"/>
        <source>Live: publish each entry as it is written</source>
        <translation>Direkt: publicera varje post när den skrivs</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="133"/>
        <source>Summary: one thread at the end of the shift</source>
        <translation>Sammanfattning: en tråd när skiftet slutar</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="137"/>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Publishing</source>
        <translation>Publicering</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="142"/>
        <source>Publish to</source>
        <translation>Publicera på</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="145"/>
        <source>Start shift</source>
        <translation>Börja skift</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="168"/>
        <source>What happened? (time is added automatically)</source>
        <translation>Vad hände? (tiden läggs till automatiskt)</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="179"/>
        <source>Same as the shift</source>
        <translation>Samma som skiftet</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="185"/>
        <source>End shift…</source>
        <translation>Avsluta skiftet…</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="189"/>
        <source>Add entry</source>
        <translation>Lägg till post</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="210"/>
        <source>Entries this shift</source>
        <translation>Skiftets poster</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Entry</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="263"/>
        <source>live</source>
        <translation>direkt</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="263"/>
        <source>summary at the end</source>
        <translation>sammanfattning i slutet</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="265"/>
        <source>{title} · {area} · started {time} · {mode} · {accounts}</source>
        <translation>{title} · {area} · började {time} · {mode} · {accounts}</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="267"/>
        <source>no area</source>
        <translation>inget område</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="354"/>
        <source>Entry saved at {time}.</source>
        <translation>Posten sparad kl. {time}.</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="372"/>
        <source>The entry is saved in the log but was not published.</source>
        <translation>Posten är sparad i loggen men publicerades inte.</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="381"/>
        <source>End the shift and publish the log as a thread?</source>
        <translation>Avsluta skiftet och publicera loggen som en tråd?</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="383"/>
        <source>End the shift?</source>
        <translation>Avsluta skiftet?</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="385"/>
        <source>End shift</source>
        <translation>Avsluta skiftet</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="396"/>
        <source>Shift ended; the summary goes out as {n} post(s).</source>
        <translation>Skiftet avslutat; sammanfattningens inlägg: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="398"/>
        <source>Shift ended.</source>
        <translation>Skiftet avslutat.</translation>
    </message>
</context>
<context>
    <name>PhotoAttachments</name>
    <message>
        <location filename="../../ui/widgets/photos.py" line="137"/>
        <source>Add photo…</source>
        <translation>Lägg till bild…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="140"/>
        <source>Faces are blurred and location data removed before anything is saved.</source>
        <translation>Ansikten görs suddiga och platsdata tas bort innan något sparas.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="150"/>
        <source>Add photos</source>
        <translation>Lägg till bilder</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="231"/>
        <source>{name}: {error}</source>
        <translation>{name}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="233"/>
        <source>{name} is still being cleaned.</source>
        <translation>{name} håller fortfarande på att rensas.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="235"/>
        <source>{name} needs alt text.</source>
        <translation>{name} behöver alternativtext.</translation>
    </message>
</context>
<context>
    <name>PhotoReviewDialog</name>
    <message>
        <location filename="../../ui/widgets/photo_review.py" line="166"/>
        <source>Review blurred areas</source>
        <translation>Granska suddiga områden</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photo_review.py" line="172"/>
        <source>Red boxes will be blurred. Click a box to leave it sharp (for example a face on a poster); drag across the photo to blur another area.</source>
        <translation>Röda rutor görs suddiga. Klicka på en ruta för att lämna den skarp (till exempel ett ansikte på en affisch); dra över bilden för att göra ett annat område suddigt.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photo_review.py" line="188"/>
        <source>Blur these areas</source>
        <translation>Gör dessa områden suddiga</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../ui/reports/pdf.py" line="107"/>
        <location filename="../../ui/reports/sections.py" line="237"/>
        <location filename="../../ui/reports/sections.py" line="249"/>
        <source>Notes</source>
        <translation>Anmärkningar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/pdf.py" line="161"/>
        <source>No rows in this range.</source>
        <translation>Inga rader i det här intervallet.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="84"/>
        <location filename="../../ui/reports/sections.py" line="247"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="85"/>
        <location filename="../../ui/reports/sections.py" line="206"/>
        <source>Conversations</source>
        <translation>Konversationer</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="86"/>
        <source>Answered</source>
        <translation>Besvarade</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="87"/>
        <source>First reply p50</source>
        <translation>Första svar p50</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="88"/>
        <source>First reply p90</source>
        <translation>Första svar p90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="89"/>
        <source>Resolved</source>
        <translation>Lösta</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="90"/>
        <source>Resolution p50</source>
        <translation>Lösning p50</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="91"/>
        <source>Resolution p90</source>
        <translation>Lösning p90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="121"/>
        <location filename="../../ui/reports/sections.py" line="123"/>
        <source>untriaged</source>
        <translation>oklassificerad</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="129"/>
        <source>Inbox volume</source>
        <translation>Inkorgens volym</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="130"/>
        <source>What came in, where and when (station time).</source>
        <translation>Vad som kom in, var och när (stationens tid).</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="133"/>
        <source>Items by platform</source>
        <translation>Meddelanden per plattform</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="136"/>
        <location filename="../../ui/reports/sections.py" line="142"/>
        <location filename="../../ui/reports/sections.py" line="148"/>
        <location filename="../../ui/reports/sections.py" line="157"/>
        <source>Items</source>
        <translation>Meddelanden</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="139"/>
        <source>Items by triage class</source>
        <translation>Meddelanden per klass</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="145"/>
        <source>Items by hour of day</source>
        <translation>Meddelanden per timme på dygnet</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="153"/>
        <source>Items by platform and triage class</source>
        <translation>Meddelanden per plattform och klass</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="155"/>
        <location filename="../../ui/reports/sections.py" line="205"/>
        <location filename="../../ui/reports/sections.py" line="286"/>
        <location filename="../../ui/reports/sections.py" line="355"/>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="156"/>
        <source>Triage class</source>
        <translation>Klass</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="158"/>
        <source>Busiest hour</source>
        <translation>Mest belastade timme</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="172"/>
        <source>How fast we answered</source>
        <translation>Hur snabbt vi svarade</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="173"/>
        <source>First reply and resolution in office time; the share answered within the target.</source>
        <translation>Första svar och lösning under tjänstetid; andelen som besvarades inom målet.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="178"/>
        <source>First reply by officer (minutes)</source>
        <translation>Första svar per handläggare (minuter)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="182"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="183"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="185"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="188"/>
        <source>Answered within target (%)</source>
        <translation>Besvarade inom målet (%)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="192"/>
        <location filename="../../ui/reports/sections.py" line="207"/>
        <source>Within target</source>
        <translation>Inom målet</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="200"/>
        <source>By officer</source>
        <translation>Per handläggare</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="201"/>
        <source>By team</source>
        <translation>Per team</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="203"/>
        <source>Service level</source>
        <translation>Servicenivå</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="208"/>
        <source>Share</source>
        <translation>Andel</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="209"/>
        <source>Target</source>
        <translation>Mål</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="213"/>
        <source>all platforms</source>
        <translation>alla plattformar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="228"/>
        <source>Who answered what</source>
        <translation>Vem svarade på vad</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="229"/>
        <source>Replies, notes, closes and assignments by person.</source>
        <translation>Svar, anteckningar, stängningar och tilldelningar per person.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="232"/>
        <source>Activity by person</source>
        <translation>Aktivitet per person</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="236"/>
        <location filename="../../ui/reports/sections.py" line="248"/>
        <location filename="../../ui/reports/sections.py" line="292"/>
        <location filename="../../ui/reports/sections.py" line="341"/>
        <location filename="../../ui/reports/sections.py" line="358"/>
        <location filename="../../ui/reports/sections.py" line="376"/>
        <source>Replies</source>
        <translation>Svar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="238"/>
        <location filename="../../ui/reports/sections.py" line="250"/>
        <source>Closes</source>
        <translation>Stängningar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="239"/>
        <location filename="../../ui/reports/sections.py" line="251"/>
        <source>Assignments</source>
        <translation>Tilldelningar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="245"/>
        <source>Activity</source>
        <translation>Aktivitet</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="252"/>
        <source>Audited actions</source>
        <translation>Loggförda åtgärder</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="269"/>
        <source>What we published</source>
        <translation>Vad vi publicerade</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="270"/>
        <source>Every published post and reply in the range, newest reading of its metrics.</source>
        <translation>Alla publicerade inlägg och svar i intervallet, med den senaste avläsningen av statistiken.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="275"/>
        <source>Published by platform</source>
        <translation>Publicerat per plattform</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="278"/>
        <source>Deliveries</source>
        <translation>Leveranser</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="283"/>
        <location filename="../../ui/reports/sections.py" line="285"/>
        <location filename="../../ui/reports/sections.py" line="371"/>
        <source>Published</source>
        <translation>Publicerat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="287"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="288"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="289"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="290"/>
        <location filename="../../ui/reports/sections.py" line="339"/>
        <location filename="../../ui/reports/sections.py" line="356"/>
        <location filename="../../ui/reports/sections.py" line="374"/>
        <source>Likes</source>
        <translation>Gillamarkeringar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="291"/>
        <location filename="../../ui/reports/sections.py" line="340"/>
        <location filename="../../ui/reports/sections.py" line="357"/>
        <location filename="../../ui/reports/sections.py" line="375"/>
        <source>Reposts</source>
        <translation>Delningar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="293"/>
        <location filename="../../ui/reports/sections.py" line="348"/>
        <location filename="../../ui/reports/sections.py" line="359"/>
        <location filename="../../ui/reports/sections.py" line="377"/>
        <source>Views</source>
        <translation>Visningar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="294"/>
        <source>Metrics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="308"/>
        <source>sampled</source>
        <translation>mätt</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="309"/>
        <source>none yet</source>
        <translation>inga ännu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="310"/>
        <source>refused</source>
        <translation>nekad</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="331"/>
        <source>What it reached</source>
        <translation>Vad det nådde</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="332"/>
        <source>Engagement by platform, campaigns and tweetathons.</source>
        <translation>Engagemang per plattform, kampanjer och tweetathons.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="335"/>
        <location filename="../../ui/reports/sections.py" line="353"/>
        <source>Engagement by platform</source>
        <translation>Engagemang per plattform</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="345"/>
        <source>Views by platform</source>
        <translation>Visningar per plattform</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="367"/>
        <source>Campaigns</source>
        <translation>Kampanjer</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="369"/>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="370"/>
        <source>Posts</source>
        <translation>Inlägg</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="372"/>
        <source>Pending</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="373"/>
        <source>Failed</source>
        <translation>Misslyckades</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="395"/>
        <source>Tweetathons</source>
        <translation>Tweetathons</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="397"/>
        <source>Source</source>
        <translation>Källa</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="398"/>
        <source>Calls in</source>
        <translation>Inkomna uppdrag</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="399"/>
        <source>Posted</source>
        <translation>Publicerade</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="400"/>
        <source>Held</source>
        <translation>Kvarhållna</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="401"/>
        <source>Excluded</source>
        <translation>Uteslutna</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="402"/>
        <source>Batched</source>
        <translation>Sammanslagna</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="403"/>
        <source>Call to post p50 (min)</source>
        <translation>Från uppdrag till inlägg p50 (min)</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../ui/reports/screen.py" line="87"/>
        <source>Reports</source>
        <translation>Rapporter</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>Last 7 days</source>
        <translation>Senaste 7 dagarna</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>This month</source>
        <translation>Denna månad</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>Custom</source>
        <translation>Anpassat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="110"/>
        <source>All platforms</source>
        <translation>Alla plattformar</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="111"/>
        <source>All accounts</source>
        <translation>Alla konton</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="112"/>
        <source>All teams</source>
        <translation>Alla team</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="113"/>
        <source>All officers</source>
        <translation>Alla handläggare</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="117"/>
        <source>Build report</source>
        <translation>Skapa rapport</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="119"/>
        <source>Export CSV…</source>
        <translation>Exportera CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="120"/>
        <source>Export PDF…</source>
        <translation>Exportera PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="126"/>
        <location filename="../../ui/reports/screen.py" line="338"/>
        <source>Range</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="134"/>
        <location filename="../../ui/reports/screen.py" line="339"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="168"/>
        <source>You cannot see reports: {reason}</source>
        <translation>Du kan inte se rapporter: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="270"/>
        <source>every station</source>
        <translation>alla stationer</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="271"/>
        <source>this station</source>
        <translation>denna station</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="272"/>
        <source>your own work</source>
        <translation>ditt eget arbete</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="274"/>
        <source>{first} to {last}, {scope}; {filters}</source>
        <translation>{first}–{last}, {scope}; {filters}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="284"/>
        <source>Items in</source>
        <translation>Inkomna meddelanden</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="285"/>
        <source>Answered within target</source>
        <translation>Besvarade inom målet</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="286"/>
        <source>Published</source>
        <translation>Publicerat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="287"/>
        <source>Likes on what we published</source>
        <translation>Gillamarkeringar på det vi publicerat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="295"/>
        <source>no filters</source>
        <translation>inga filter</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="300"/>
        <source>Export the report as CSV files into…</source>
        <translation>Exportera rapporten som CSV-filer till…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="305"/>
        <source>Export the report as PDF</source>
        <translation>Exportera rapporten som PDF</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="305"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="322"/>
        <source>Report exported: {count} CSV files</source>
        <translation>Rapporten exporterad: CSV-filer {count}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="340"/>
        <source>Time zone</source>
        <translation>Tidszon</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="341"/>
        <source>Prepared by</source>
        <translation>Upprättad av</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="342"/>
        <source>Generated</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="345"/>
        <source>Beat Desk report</source>
        <translation>Beat Desk-rapport</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="352"/>
        <source>Report exported as PDF: {name}</source>
        <translation>Rapporten exporterad som PDF: {name}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/main_window.py" line="40"/>
        <source>Officer</source>
        <translation>Polis</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="41"/>
        <source>Press officer</source>
        <translation>Kommunikatör</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42"/>
        <source>Supervisor</source>
        <translation>Förman</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43"/>
        <source>Administrator</source>
        <translation>Administratör</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44"/>
        <source>Runner</source>
        <translation>Bakgrundsprocess</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/screens.py" line="65"/>
        <source>Inbox</source>
        <translation>Inkorg</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="66"/>
        <location filename="../../ui/screens.py" line="77"/>
        <source>the inbox and feeds issue (#4)</source>
        <translation>arbetet med inkorg och flöden (#4)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="67"/>
        <source>Every mention, comment and direct message from all five platforms in one list, triaged, assigned and answered from here.</source>
        <translation>Varje omnämnande, kommentar och direktmeddelande från alla fem plattformar i en lista, sorterade, tilldelade och besvarade härifrån.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="76"/>
        <source>Feeds</source>
        <translation>Flöden</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="78"/>
        <source>Live columns of searches, lists and hashtags across the platforms.</source>
        <translation>Levande kolumner med sökningar, listor och hashtaggar över plattformarna.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="83"/>
        <source>Compose</source>
        <translation>Skriv</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="84"/>
        <location filename="../../ui/screens.py" line="94"/>
        <location filename="../../ui/screens.py" line="108"/>
        <source>the publishing issue (#5)</source>
        <translation>publiceringsarbetet (#5)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="85"/>
        <source>Write one post for several accounts, checked against each platform&apos;s limits and the privacy guard.</source>
        <translation>Skriv ett inlägg för flera konton, kontrollerat mot varje plattforms gränser och integritetsskyddet.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="93"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="95"/>
        <source>Scheduled posts and campaigns by day and week, with approvals.</source>
        <translation>Schemalagda inlägg och kampanjer per dag och vecka, med godkännanden.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="100"/>
        <source>Tweetathon</source>
        <translation>Tweetathon</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="101"/>
        <source>the tweetathon issue (#6)</source>
        <translation>tweetathon-arbetet (#6)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="102"/>
        <source>Mirror control-room calls as safe, paced public posts, with an incident stop.</source>
        <translation>Ledningscentralens uppdrag som säkra, taktade offentliga inlägg, med nödstopp.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="107"/>
        <source>Patrol log</source>
        <translation>Patrullogg</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="109"/>
        <source>A shift&apos;s running log of patrol updates, posted as a thread.</source>
        <translation>Ett skifts löpande logg över patrulluppdateringar, publicerad som tråd.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="114"/>
        <source>Reports</source>
        <translation>Rapporter</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="115"/>
        <location filename="../../ui/screens.py" line="131"/>
        <source>the supervisor review issue (#7)</source>
        <translation>arbetet med förmansuppföljning (#7)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="116"/>
        <source>Volumes, response times and campaign results, with charts and PDF or CSV export.</source>
        <translation>Volymer, svarstider och kampanjresultat, med diagram och export till PDF eller CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="123"/>
        <source>Accounts</source>
        <translation>Konton</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="124"/>
        <source>the platforms issue (#3)</source>
        <translation>plattformsarbetet (#3)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="125"/>
        <source>Connect the force&apos;s accounts on X, Facebook, Instagram, Mastodon and Bluesky.</source>
        <translation>Anslut polisens konton på X, Facebook, Instagram, Mastodon och Bluesky.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="130"/>
        <source>Audit</source>
        <translation>Granskningslogg</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="132"/>
        <source>Who did what and when, filtered and exported, with the chain&apos;s verification status.</source>
        <translation>Vem gjorde vad och när, filtrerat och exporterat, med kedjans verifieringsstatus.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="139"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="141"/>
        <source>The desk&apos;s settings.</source>
        <translation>Skrivbordets inställningar.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="245"/>
        <source>{screen} arrives with {issue}: {purpose}</source>
        <extracomment>Where each screen&apos;s package lives. A package registers its page from a ``register()`` function; it is imported on the screen&apos;s first visit, so screens that are not shown cost nothing at start.</extracomment>
        <translation>{screen} kommer med {issue}: {purpose}</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="256"/>
        <source>This screen is not built yet.</source>
        <translation>Den här vyn är inte byggd ännu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="275"/>
        <source>{screen} could not be opened. The rest of the desk works; a crash report was shown.</source>
        <translation>{screen} kunde inte öppnas. Resten av skrivbordet fungerar; en felrapport visades.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="330"/>
        <source>Beat Desk settings</source>
        <translation>Inställningar för Beat Desk</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="165"/>
        <source>General</source>
        <extracomment>Fields the desk maintains itself; never shown for editing.</extracomment>
        <translation>Allmänt</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="267"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="274"/>
        <source>Only an administrator can change these settings; you can read them here.</source>
        <translation>Endast en administratör kan ändra inställningarna; du kan läsa dem här.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="276"/>
        <source>Changes are saved for everyone at this desk and recorded in the audit log.</source>
        <translation>Ändringar sparas för alla vid detta skrivbord och registreras i granskningsloggen.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="289"/>
        <source>Save settings</source>
        <translation>Spara inställningar</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="303"/>
        <source>Saving…</source>
        <translation>Sparar…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="307"/>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="313"/>
        <source>Not saved.</source>
        <translation>Inte sparat.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/main_window.py" line="469"/>
        <source>Open the settings</source>
        <translation>Öppna inställningarna</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>Lock the desk</source>
        <translation>Lås skrivbordet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="471"/>
        <source>Switch user</source>
        <translation>Byt användare</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Switch between light and dark theme</source>
        <translation>Växla mellan ljust och mörkt tema</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>Show the keyboard shortcuts</source>
        <translation>Visa kortkommandon</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474"/>
        <source>Quit Beat Desk</source>
        <translation>Avsluta Beat Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="475"/>
        <source>Window</source>
        <translation>Fönster</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="476"/>
        <source>Screens</source>
        <translation>Vyer</translation>
    </message>
</context>
<context>
    <name>ShortcutsHelpDialog</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="105"/>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="107"/>
        <source>These keys work anywhere in the Beat Desk window.</source>
        <translation>Dessa tangenter fungerar överallt i Beat Desk-fönstret.</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <source>Keys</source>
        <translation>Tangenter</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <source>Where</source>
        <translation>Var</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="107"/>
        <source>Checking the password…</source>
        <translation>Lösenordet kontrolleras…</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="83"/>
        <source>Sign in to Beat Desk</source>
        <translation>Logga in i Beat Desk</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="86"/>
        <location filename="../../ui/signin.py" line="115"/>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="90"/>
        <source>DEMO MODE: nothing here reaches a real platform.</source>
        <translation>DEMOLÄGE: inget här når en riktig plattform.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="99"/>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="100"/>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="113"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>SignedOutCover</name>
    <message>
        <location filename="../../ui/session.py" line="329"/>
        <source>Signed out. Waiting for the next person to sign in.</source>
        <translation>Utloggad. Väntar på att nästa person loggar in.</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <location filename="../../ui/calendar/screen.py" line="68"/>
        <location filename="../../ui/calendar/screen.py" line="91"/>
        <source>Stop all broadcasts</source>
        <translation>Stoppa all publicering</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="73"/>
        <source>Every scheduled post, campaign, patrol log and tweetathon on every account is held now. Your name and reason are recorded.</source>
        <translation>Alla schemalagda inlägg, kampanjer, patrulloggar och tweetathons på alla konton hålls nu kvar. Ditt namn och din orsak registreras.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="80"/>
        <source>Reason (required)</source>
        <translation>Orsak (obligatorisk)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="84"/>
        <source>Holding statement to publish on every account now (optional)</source>
        <translation>Preliminärt meddelande att publicera på alla konton nu (valfritt)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="87"/>
        <source>Also stop replies to citizens</source>
        <translation>Stoppa även svar till medborgare</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <location filename="../../ui/messages.py" line="211"/>
        <location filename="../../ui/messages.py" line="221"/>
        <source>Beat Desk</source>
        <translation>Beat Desk</translation>
    </message>
</context>
<context>
    <name>VariantCard</name>
    <message>
        <location filename="../../ui/compose/screen.py" line="144"/>
        <source>Same as the main text. Type here to write a different text for {platform}.</source>
        <translation>Samma som huvudtexten. Skriv här för att skriva en annan text för {platform}.</translation>
    </message>
</context>
</TS>
