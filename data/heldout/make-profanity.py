import json, random
random.seed(7)
rows=[]
def add(text, profane, kind): rows.append({"text":text,"profane":profane,"kind":kind})
P=[
 ("Fuck this council and its parking fines.","plain"),
 ("The referee was shit all afternoon.","plain"),
 ("What an absolute cunt of a landlord.","plain"),
 ("Stop being such a bitch about the bin collections.","plain"),
 ("The chancellor is a lying bastard.","plain"),
 ("Total bollocks from the transport minister.","plain"),
 ("Some asshole keyed my car outside the station.","plain"),
 ("That striker is a diving prick.","plain"),
 ("What a twat, he blocked the ambulance lane.","plain"),
 ("The club owner is a greedy wanker.","plain"),
 ("Motherfucking energy prices again.","plain"),
 ("That's bullshit and everyone on this thread knows it.","plain"),
 ("The CEO is a complete dickhead.","plain"),
 ("Piss off with your conspiracy theories.","plain"),
 ("Who the fuck approved this budget?","plain"),
]
for t,k in P: add(t,True,k)
L=["F4ck this council and its parking fines.","The referee was sh1t all afternoon.","Stop being such a b1tch about it.",
 "The chancellor is a lying b@st@rd.","Some @sshole keyed my car.","That striker is a diving pr1ck.","What a tw@t, he blocked the lane.",
 "The club owner is a greedy w4nker.","That's bu11sh1t and you know it.","The CEO is a complete d1ckhead.","$hit service from the rail company.",
 "Total b0ll0cks from the minister.","What a c0ck, honestly.","5hit like this is why nobody votes."]
for t in L: add(t,True,"leet")
PH=["Phuck the energy companies.","Fvck this government.","Kiss my azz, councillor.","The ref was a total azzhole.","Fuk off with your excuses.",
 "This is phucking ridiculous.","Shyt decision by the board.","Stop acting like a biatch.","Fuq the new parking rules.","What the fuk is the council doing?",
 "Fukin hell, another rail strike.","He's a proper kunt."]
for t in PH: add(t,True,"phonetic")
R=["Fuuuuuck this weather.","Shiiiiit, the match is cancelled.","What a biiiiitch of a day.","The landlord is an asssssshole.","Twaaaaat of a driver cut me up.",
 "Fuckkkkk the Tories and Labour both.","Bullshiiiit from start to finish.","Such a priiiick.","Bastaaaaard stole my bike."]
for t in R: add(t,True,"repeat")
S=["F.u.c.k the parking wardens.","S-h-i-t service from the trains.","What a b*i*t*c*h move.","c_u_n_t of a referee.","f u c k this budget.",
 "Absolute s h i t show at the council.","He's an a.s.s.h.o.l.e.","B-A-S-T-A-R-D landlords.","f/u/c/k the energy cap.","The pundit is a d.i.c.k.h.e.a.d."]
for t in S: add(t,True,"separator")
C=["FuCk the new tax rules.","sHiT result for the club.","BITCH please, nobody believes that.","AsShOlE drivers on the M25.","What a BaStArD decision.",
 "FUCKING roadworks again.","TwAt of a presenter.","BoLLoCkS to the lot of them."]
for t in C: add(t,True,"case")
H=["fu\u0441k the council.","sh\u0456t decision by the club.","What a b\u0456tch.","\u0430sshole of a landlord.","tw\u0430t on the radio this morning.",
 "bast\u0430rd energy firms.","The minister is a d\u0456ckhead.","bullsh\u0456t statistics again.","F\u03c5ck off, honestly.","\u0455hit service.","c\u03c5nt of a referee.","pr\u0456ck behind the wheel."]
for t in H: add(t,True,"homoglyph")
def fw(s): return ''.join(chr(ord(c)+0xFEE0) if 33<=ord(c)<=126 else c for s2 in [s] for c in s2)
for w,ctx in [("fuck","{} the referee."),("shit","What a {} result."),("bitch","Stop being a {}."),("asshole","What an {}."),("bastard","Lying {}."),("twat","Total {}."),("wanker","Smug {}.")]:
  add(ctx.format(fw(w)),True,"fullwidth")
def styled(s,base):
  out=''
  for c in s:
    if 'a'<=c<='z': out+=chr(base+26+ord(c)-97)
    elif 'A'<=c<='Z': out+=chr(base+ord(c)-65)
    else: out+=c
  return out
bases=[0x1D400,0x1D434,0x1D468,0x1D4D0,0x1D56C,0x1D5A0,0x1D5D4,0x1D670,0x1D538]
for i,(w,ctx) in enumerate([("fuck","{} this weather."),("shit","{} service."),("bitch","What a {}."),("asshole","The driver was an {}."),("bastard","Greedy {}s."),("cunt","What a {}."),("dickhead","Utter {}."),("wanker","Smug {}.")]):
  b=bases[i%len(bases)]
  if b==0x1D538: b=0x1D400
  t=ctx.format(styled(w,b)).replace(chr(0x1D455),chr(0x210E))
  add(t,True,"styled")
Z=["f\u200buck the council.","sh\u200dit result for us.","bit\u200cch please.","ass\u2060hole driver.","bas\u00adtard landlords.","c\ufeffunt of a referee.","tw\u200bat on the radio.","fu\u200bck\u200bing roadworks.","bull\u200bshit figures."]
for t in Z: add(t,True,"zero-width")
A=["F\u00fcck the parking wardens.","Sh\u00eft decision.","What a b\u00edtch.","\u00c0sshole driver.","C\u00fcnt of a referee.","Tw\u00e5t on the radio.","B\u00e4st\u00e4rd landlords.","Bullsh\u00eft figures.","Pr\u00efck behind the wheel."]
for t in A: add(t,True,"accent")
E=["fuck\U0001F621 the council.","\U0001F4A9shit\U0001F4A9 service from the trains.","The driver was an asshole\U0001F92C.","Total bastards\U0001F620 at the energy firm.",
 "What a twat\U0001F644.","f\U0001F92Cu\U0001F92Cc\U0001F92Ck this.","\U0001F595 fuck off \U0001F595","Greedy wankers\U0001F911 at the club.","bullshit\U0001F602\U0001F602","f\U0001F986ck the council","sh\U0001F4A9t service again","Stop being an \U0001F351hole."]
for t in E: add(t,True,"emoji")
CO=["F.\u00dc.C.K the council.","b1\u200btch please.","Sh\u0456\u0456\u0456t service.","\uff26\uff35\uff23\uff2b this.","A.S.S.H.0.L.E driver.","Phuuuuck off.","b\u0430\u0455t\u0430rd\U0001F92C","D1CKH3AD minister.","f-\u00fc-c-k the trains."]
for t in CO: add(t,True,"combo")
N=[("Scunthorpe United drew with Grimsby on Saturday.","scunthorpe"),("Sir Henry Cockburn wrote about Edinburgh.","scunthorpe"),
 ("Emily Dickinson is on the A-level syllabus.","scunthorpe"),("Matt Hancock gave evidence to the inquiry.","scunthorpe"),
 ("Essex, Sussex and Middlesex all had flood warnings.","scunthorpe"),("The Penistone line is closed for engineering works.","scunthorpe"),
 ("Shitterton is a hamlet in Dorset.","scunthorpe"),("Clitheroe market is open on Saturdays.","scunthorpe"),("Lightwater country park was busy.","scunthorpe"),
 ("Alan Cumming hosted the awards.","scunthorpe"),("A Hitchcock retrospective at the BFI.","scunthorpe"),("Cockfosters is the end of the Piccadilly line.","scunthorpe"),
 ("The Bastion fortress was restored.","scunthorpe"),("An assassin's creed sequel is out.","scunthorpe"),("A classic case of mismanagement.","scunthorpe"),
 ("She plays the bassoon in the county orchestra.","scunthorpe"),("Lake Titicaca is shrinking.","scunthorpe"),("Matsushita became Panasonic.","scunthorpe"),
 ("Shiitake mushrooms are in the recipe.","scunthorpe"),("A cocktail bar opened on the high street.","scunthorpe"),("A peacock wandered into the car park.","scunthorpe"),
 ("My therapist says the waiting list is long.","scunthorpe"),("Dick Van Dyke turned 98.","scunthorpe"),("Moby-Dick is a long read.","scunthorpe"),
 ("Arsenal won away at Brentford.","scunthorpe"),("Shiite and Sunni leaders met in Baghdad.","scunthorpe"),("Sheila Dikshit was chief minister of Delhi.","scunthorpe"),
 ("Twatt in Orkney got fibre broadband.","scunthorpe"),("The Cumberbatch film was excellent.","scunthorpe"),("Assessment results are due in August.","scunthorpe"),
 ("Pissarro paintings at the National Gallery.","scunthorpe"),("Cockermouth flooded again.","scunthorpe"),("Brass bands played at the memorial.","scunthorpe"),
 ("The hotel has a cockpit-themed bar.","scunthorpe"),("He lives in Wankdorf near Bern.","scunthorpe"),("Dickens wrote about debtors' prisons.","scunthorpe"),
 ("The shuttlecock landed on the line.","scunthorpe"),("Analysts expect rates to fall.","scunthorpe"),("The embassy issued a statement.","scunthorpe"),
 ("Kuntz scored the winner in 1996.","scunthorpe"),("Great tits and blue tits at the feeder.","scunthorpe"),("Titchmarsh opened the garden show.","scunthorpe"),
 ("Sextants are still taught to navy cadets.","scunthorpe"),("The Cockney accent is changing.","scunthorpe"),("Passengers were stuck at Basingstoke.","scunthorpe"),
]
for t,k in N: add(t,False,k)
NW=["The man was charged with rape and remanded in custody.","Breast cancer screening has been extended.","He was treated for an anal fissure.",
 "Sex education should start in primary school.","The witness said \"damn\" three times in court, the report noted.","The Nazi occupation of the Channel Islands lasted five years.",
 "Rape crisis centres need more funding.","Testicular cancer awareness month starts today.","The vaginal mesh scandal is finally being investigated.",
 "Erectile dysfunction drugs are now sold over the counter.","The bitch had a litter of six puppies, the breeder said.","The farmer's cock crows at five every morning.",
 "A wild ass was spotted in the nature reserve.","Pussy willow is flowering early this year.","Dick Turpin was hanged in York.","Hell's Kitchen reopened in Soho.",
 "Shell profits rose again this quarter.","Scrap the two-child benefit cap.","The hit-and-run driver was jailed.","Document leaks embarrassed the ministry.",
 "Nazi Germany invaded Poland in 1939.","Sexual assault cases take years to reach court.","The Cocks family donated to the hospice.","Bumper crop of cucumbers this summer.",
 "Sussex police arrested three men.","The Dyke Road area has new cycle lanes."]
for t in NW: add(t,False,"news")
BL=["p4ssw0rd reuse is the real issue.","@asda_help please reply.","Cl4ss of 2024 results.","gr8 result for the team, 2nite we celebrate.","h4x0rs got into the council servers."]
for t in BL: add(t,False,"benign-leet")
BR=["Sooooo tired of roadworks.","Noooo, not another strike.","Whyyyy is the bus late again?","Pleeeease fix the potholes.","Shhhh, the kids are asleep."]
for t in BR: add(t,False,"benign-repeat")
BS=["The U.S.A. and the U.K. signed it.","P.S. the meeting is at six.","N-H-S staff deserve a pay rise.","B.B.C. coverage was poor.","S.H.I.T.E. is not an acronym I know."]
BS=BS[:4]
for t in BS: add(t,False,"benign-separator")
BU=["Na\u00efve policy from the caf\u00e9 owners' lobby.","\uff37\uff45\uff4c\uff4c \uff44\uff4f\uff4e\uff45 \uff4e\uff55\uff52\uff53\uff45\uff53","\u0421lassic mistake by the council.","\u0395ssex county council voted.","pass\u200bport office delays again.","\U0001D401\U0001D41E\U0001D42C\U0001D42D \U0001D41F\U0001D41E\U0001D42C\U0001D42D\U0001D422\U0001D42F\U0001D41A\U0001D425 \U0001D41E\U0001D42F\U0001D41E\U0001D42B"]
for t in BU: add(t,False,"benign-unicode")
BE=["\U0001F44F to the volunteers.","Great match \u26bd\U0001F525","Peach season \U0001F351\U0001F351 at the market.","Duck pond \U0001F986 restored in the park.","\U0001F602\U0001F602 the council's new logo"]
for t in BE: add(t,False,"benign-emoji")
with open(__import__('os').path.join(__import__('os').path.dirname(__file__) or '.','profanity.jsonl'),'w') as f:
  for r in rows: f.write(json.dumps(r,ensure_ascii=False)+'\n')
print(len(rows))
