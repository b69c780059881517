"""Typical catalogues per sub-industry: what fills a prospect's catalogue when the site
shows too few offerings, always from the prospect's own line of business (a coffee
roaster's catalogue is coffee). Each item is (name, category, typical price in the major
units of EUR/USD/GBP/CHF-like currencies); a catalogue is chosen by cue words in the
profile's sub-industry and offering names, else by the shape's default.

``catalogue`` merges the prospect's offerings (their names, categories and prices) with
fill items scaled to the prospect's price level, categories kept consistent with items."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import statistics
import unicodedata
from collections.abc import Sequence

Item = tuple[str, str, float]

CATALOGUES: dict[str, list[Item]] = {
    "outdoor_apparel": [("Alpine Shell Jacket", "Outerwear", 289), ("Down Insulated Parka", "Outerwear", 349), ("Merino Base Layer", "Base layers", 79),
                        ("Fleece Midlayer", "Midlayers", 99), ("Trekking Pants", "Pants", 119), ("Hiking Boots", "Footwear", 189),
                        ("Trail Running Shoes", "Footwear", 139), ("Daypack 25L", "Packs", 109), ("Backpacking Pack 55L", "Packs", 229),
                        ("Two-Person Tent", "Camping", 399), ("Down Sleeping Bag", "Camping", 299), ("Trekking Poles", "Accessories", 89),
                        ("Wool Beanie", "Accessories", 29), ("Softshell Gloves", "Accessories", 45)],
    "fashion": [("Cotton T-Shirt", "Tops", 25), ("Linen Shirt", "Tops", 59), ("Slim Jeans", "Bottoms", 79), ("Chino Trousers", "Bottoms", 69),
                ("Knit Sweater", "Knitwear", 89), ("Wool Coat", "Outerwear", 229), ("Summer Dress", "Dresses", 99), ("Leather Belt", "Accessories", 45),
                ("Sneakers", "Shoes", 109), ("Ankle Boots", "Shoes", 159), ("Silk Scarf", "Accessories", 55), ("Hoodie", "Tops", 65)],
    "electronics": [("Wireless Earbuds", "Audio", 129), ("Bluetooth Speaker", "Audio", 89), ("Noise-Cancelling Headphones", "Audio", 299),
                    ("Smartphone", "Phones", 699), ("Tablet 11-inch", "Tablets", 499), ("Laptop 14-inch", "Computers", 1099),
                    ("USB-C Charger", "Accessories", 35), ("Smartwatch", "Wearables", 249), ("4K Monitor", "Computers", 379),
                    ("Mechanical Keyboard", "Accessories", 119), ("Action Camera", "Cameras", 329), ("Power Bank", "Accessories", 45)],
    "home_living": [("Linen Duvet Cover", "Bedding", 119), ("Cotton Towel Set", "Bath", 49), ("Ceramic Dinner Set", "Tableware", 89),
                    ("Cast Iron Pan", "Kitchen", 69), ("Table Lamp", "Lighting", 79), ("Wool Throw", "Decor", 99), ("Scented Candle", "Decor", 25),
                    ("Storage Basket", "Storage", 35), ("Cushion Cover", "Decor", 29), ("Chef's Knife", "Kitchen", 89), ("Wall Mirror", "Decor", 149)],
    "furniture": [("Three-Seater Sofa", "Living room", 1290), ("Armchair", "Living room", 549), ("Dining Table", "Dining", 890), ("Dining Chair", "Dining", 159),
                  ("Bed Frame", "Bedroom", 790), ("Wardrobe", "Bedroom", 990), ("Bookshelf", "Storage", 349), ("Desk", "Office", 449),
                  ("Office Chair", "Office", 329), ("Coffee Table", "Living room", 299), ("Sideboard", "Storage", 690)],
    "pet_supplies": [("Grain-Free Dog Food 12kg", "Dog food", 59), ("Puppy Food 4kg", "Dog food", 29), ("Cat Food Wet 24-Pack", "Cat food", 27),
                     ("Dry Cat Food 7kg", "Cat food", 42), ("Dog Bed", "Beds", 69), ("Cat Scratching Post", "Cat accessories", 49),
                     ("Dog Leash", "Dog accessories", 19), ("Chew Toys Set", "Toys", 15), ("Cat Litter 10L", "Cat accessories", 12),
                     ("Dental Chews", "Treats", 9), ("Training Treats", "Treats", 7), ("Pet Carrier", "Travel", 45)],
    "beauty": [("Hydrating Face Cream", "Skincare", 39), ("Vitamin C Serum", "Skincare", 45), ("Gentle Cleanser", "Skincare", 19), ("Sunscreen SPF 50", "Skincare", 24),
               ("Shampoo", "Hair care", 16), ("Conditioner", "Hair care", 16), ("Eau de Parfum 50ml", "Fragrance", 79), ("Lipstick", "Make-up", 22),
               ("Mascara", "Make-up", 24), ("Body Lotion", "Body care", 18), ("Hand Cream", "Body care", 12)],
    "sports": [("Running Shoes", "Running", 139), ("Yoga Mat", "Fitness", 39), ("Dumbbell Set", "Fitness", 89), ("Road Bike Helmet", "Cycling", 119),
               ("Cycling Jersey", "Cycling", 79), ("Football", "Team sports", 29), ("Tennis Racket", "Racket sports", 149), ("Swim Goggles", "Swimming", 19),
               ("Sports Bra", "Apparel", 45), ("Training Shorts", "Apparel", 35), ("Water Bottle", "Accessories", 15)],
    "books_media": [("Hardcover Novel", "Fiction", 24), ("Paperback Novel", "Fiction", 12), ("Cookbook", "Non-fiction", 29), ("Travel Guide", "Non-fiction", 22),
                    ("Children's Picture Book", "Children", 15), ("Comic Album", "Comics", 18), ("Audiobook", "Audio", 19), ("Art Book", "Non-fiction", 45)],
    "toys": [("Building Blocks Set", "Construction", 49), ("Plush Bear", "Soft toys", 25), ("Wooden Train Set", "Wooden toys", 59), ("Board Game", "Games", 35),
             ("Puzzle 1000 Pieces", "Games", 19), ("Doll House", "Play sets", 129), ("Remote Control Car", "Vehicles", 69), ("Craft Kit", "Creative", 22)],
    "jewelry": [("Silver Ring", "Rings", 89), ("Gold Necklace", "Necklaces", 390), ("Pearl Earrings", "Earrings", 149), ("Charm Bracelet", "Bracelets", 79),
                ("Engagement Ring", "Rings", 1900), ("Watch", "Watches", 490), ("Cufflinks", "Accessories", 99), ("Pendant", "Necklaces", 129)],
    "grocery": [("Organic Milk 1L", "Dairy", 1.6), ("Sourdough Bread", "Bakery", 3.9), ("Free-Range Eggs 10", "Dairy", 3.5), ("Olive Oil 750ml", "Pantry", 9.9),
                ("Pasta 500g", "Pantry", 2.2), ("Coffee Beans 1kg", "Beverages", 18), ("Seasonal Vegetables Box", "Produce", 24), ("Cheese Selection", "Dairy", 12),
                ("Apples 1kg", "Produce", 3.2), ("Sparkling Water 6x1L", "Beverages", 4.5), ("Dark Chocolate", "Snacks", 2.9)],
    "coffee": [("Espresso Blend 1kg", "Espresso", 32), ("House Blend 500g", "Filter coffee", 16), ("Single Origin Ethiopia 250g", "Single origin", 12),
               ("Single Origin Colombia 250g", "Single origin", 11.5), ("Decaf Blend 500g", "Decaf", 17), ("Organic Espresso 500g", "Espresso", 19),
               ("Cold Brew Blend 1kg", "Filter coffee", 28), ("Coffee Subscription Monthly", "Subscriptions", 29), ("Hand Grinder", "Equipment", 89),
               ("Pour-Over Dripper", "Equipment", 29), ("Espresso Cups Set", "Accessories", 24), ("Tasting Set 4x100g", "Gifts", 22)],
    "tea": [("Green Tea Sencha 100g", "Green tea", 9), ("Earl Grey 100g", "Black tea", 8), ("Rooibos Vanilla 100g", "Herbal", 7), ("Matcha 30g", "Green tea", 19),
            ("Chamomile 50g", "Herbal", 6), ("Oolong 100g", "Oolong", 12), ("Tea Sampler", "Gifts", 25), ("Glass Teapot", "Accessories", 35)],
    "wine": [("Riesling Dry", "White wine", 12), ("Pinot Noir", "Red wine", 18), ("Sparkling Brut", "Sparkling", 16), ("Rosé", "Rosé", 11),
             ("Cabernet Sauvignon", "Red wine", 22), ("Chardonnay", "White wine", 15), ("Tasting Box 6 Bottles", "Gifts", 79), ("Dessert Wine", "Sweet wine", 24)],
    "bakery": [("Sourdough Loaf", "Bread", 4.8), ("Butter Croissant", "Pastries", 1.9), ("Pain au Chocolat", "Pastries", 2.2), ("Rye Bread", "Bread", 4.2),
               ("Cinnamon Roll", "Pastries", 2.9), ("Cheesecake Slice", "Cakes", 3.9), ("Birthday Cake", "Cakes", 34), ("Baguette", "Bread", 1.6),
               ("Cappuccino", "Drinks", 3.4), ("Filter Coffee", "Drinks", 2.6), ("Sandwich", "Snacks", 5.5), ("Quiche Slice", "Snacks", 4.9)],
    "restaurant_menu": [("Soup of the Day", "Starters", 6.5), ("Mixed Salad", "Starters", 8.5), ("Bruschetta", "Starters", 7.5), ("Grilled Salmon", "Mains", 22),
                        ("Steak Frites", "Mains", 26), ("Vegetable Risotto", "Mains", 17), ("Burger with Fries", "Mains", 16), ("Pasta of the Day", "Mains", 15),
                        ("Tiramisu", "Desserts", 7), ("Chocolate Fondant", "Desserts", 8), ("House Wine Glass", "Drinks", 6), ("Craft Beer", "Drinks", 5.5),
                        ("Espresso", "Drinks", 2.8), ("Lemonade", "Drinks", 4)],
    "food_products": [("Artisan Jam 250g", "Preserves", 4.9), ("Honey 500g", "Preserves", 8.9), ("Granola 500g", "Cereals", 6.9), ("Chocolate Bar", "Confectionery", 3.5),
                      ("Pesto 190g", "Sauces", 4.5), ("Olive Oil 500ml", "Oils", 11), ("Crackers", "Snacks", 3.2), ("Gift Hamper", "Gifts", 49)],
    "marketplace": [("Vintage Lamp", "Home", 65), ("Handmade Mug", "Home", 24), ("Used Smartphone", "Electronics", 240), ("Refurbished Laptop", "Electronics", 480),
                    ("Designer Handbag", "Fashion", 320), ("Sneakers", "Fashion", 95), ("Road Bike", "Sports", 650), ("Board Game", "Toys", 30),
                    ("Art Print", "Art", 45), ("Camera Lens", "Electronics", 390), ("Winter Jacket", "Fashion", 110), ("Children's Bike", "Sports", 120)],
    "general_practice": [("Consultation", "Consultations", 60), ("Follow-up Visit", "Consultations", 40), ("Check-up", "Prevention", 90), ("Vaccination", "Prevention", 35),
                         ("Blood Test", "Diagnostics", 45), ("ECG", "Diagnostics", 55), ("Ultrasound", "Imaging", 120), ("Telehealth Visit", "Consultations", 35),
                         ("Minor Procedure", "Procedures", 180), ("Medical Certificate", "Administration", 20)],
    "dental": [("Dental Check-up", "Prevention", 80), ("Professional Cleaning", "Prevention", 110), ("Filling", "Restorative", 160), ("Root Canal Treatment", "Endodontics", 650),
               ("Crown", "Prosthetics", 900), ("Dental Implant", "Implants", 2400), ("Teeth Whitening", "Cosmetic", 350), ("Aligners", "Orthodontics", 3200),
               ("X-Ray", "Diagnostics", 45), ("Extraction", "Surgery", 180)],
    "dermatology": [("Skin Check", "Screening", 120), ("Mole Removal", "Procedures", 250), ("Acne Treatment", "Treatments", 140), ("Laser Therapy", "Aesthetics", 390),
                    ("Botox Treatment", "Aesthetics", 350), ("Chemical Peel", "Aesthetics", 180), ("Allergy Test", "Diagnostics", 110), ("Follow-up Visit", "Consultations", 80)],
    "physio": [("Physiotherapy Session", "Therapy", 65), ("Sports Massage", "Therapy", 70), ("Manual Therapy", "Therapy", 75), ("Initial Assessment", "Assessment", 90),
               ("Rehabilitation Programme", "Programmes", 480), ("Lymphatic Drainage", "Therapy", 60), ("Back School Course", "Courses", 120)],
    "veterinary": [("Vet Consultation", "Consultations", 55), ("Vaccination", "Prevention", 45), ("Dental Cleaning", "Dental", 290), ("Neutering", "Surgery", 320),
                   ("Blood Panel", "Diagnostics", 110), ("X-Ray", "Diagnostics", 140), ("Microchipping", "Prevention", 40), ("Emergency Visit", "Emergency", 180)],
    "hospital": [("Emergency Admission", "Emergency", 1200), ("Inpatient Day", "Inpatient", 950), ("Knee Replacement", "Orthopaedics", 14500), ("Hip Replacement", "Orthopaedics", 15800),
                 ("Appendectomy", "General surgery", 7800), ("Cardiac Catheterisation", "Cardiology", 9200), ("Childbirth", "Maternity", 4200), ("MRI Scan", "Radiology", 650),
                 ("CT Scan", "Radiology", 420), ("Cataract Surgery", "Ophthalmology", 2600), ("Outpatient Consultation", "Outpatient", 180), ("Chemotherapy Cycle", "Oncology", 3900)],
    "health_insurance": [("Basic Health Plan", "Basic", 320), ("Comprehensive Health Plan", "Comprehensive", 540), ("Dental Cover", "Supplementary", 28),
                         ("Vision Cover", "Supplementary", 14), ("Hospital Private Room", "Supplementary", 65), ("Travel Health Cover", "Travel", 12), ("Family Plan", "Comprehensive", 890)],
    "pet_insurance": [("Dog Accident Cover", "Dogs", 14), ("Dog Comprehensive Cover", "Dogs", 42), ("Cat Accident Cover", "Cats", 9), ("Cat Comprehensive Cover", "Cats", 28),
                      ("Pet Surgery Cover", "Surgery", 22), ("Puppy Starter Plan", "Dogs", 19), ("Senior Pet Plan", "Senior", 55), ("Horse Cover", "Horses", 65)],
    "motor_insurance": [("Third-Party Liability", "Liability", 38), ("Partial Casco", "Casco", 54), ("Fully Comprehensive", "Casco", 89), ("Young Driver Plan", "Liability", 120),
                        ("Motorcycle Cover", "Two-wheelers", 32), ("Fleet Cover", "Commercial", 420), ("Roadside Assistance", "Add-ons", 6), ("Legal Protection Motor", "Add-ons", 9)],
    "property_insurance": [("Home Contents", "Contents", 16), ("Buildings Insurance", "Buildings", 38), ("Home and Contents Combined", "Combined", 49), ("Renters Cover", "Contents", 11),
                           ("Flood Extension", "Natural hazards", 12), ("Landlord Cover", "Buildings", 45), ("Glass Breakage", "Add-ons", 5), ("Bicycle Theft Extension", "Add-ons", 6)],
    "life_insurance": [("Term Life 10 Years", "Term life", 18), ("Term Life 20 Years", "Term life", 29), ("Whole Life", "Whole life", 95), ("Critical Illness Cover", "Protection", 42),
                       ("Disability Income", "Protection", 58), ("Funeral Plan", "Protection", 15), ("Endowment Savings", "Savings", 150), ("Mortgage Protection", "Term life", 24)],
    "property_listings": [("Two-Room Apartment", "Apartments", 285000), ("Three-Room Apartment", "Apartments", 420000), ("Penthouse", "Apartments", 980000),
                          ("Detached House", "Houses", 690000), ("Terraced House", "Houses", 460000), ("Villa", "Houses", 1450000), ("Building Plot", "Land", 210000),
                          ("Office Unit", "Commercial", 540000), ("Retail Unit", "Commercial", 380000), ("Holiday Apartment", "Apartments", 320000)],
    "rental_listings": [("Studio", "Apartments", 850), ("One-Bedroom Apartment", "Apartments", 1150), ("Two-Bedroom Apartment", "Apartments", 1550),
                        ("Three-Bedroom Apartment", "Apartments", 1950), ("Family House", "Houses", 2400), ("Shared Room", "Shared", 520), ("Furnished Loft", "Apartments", 1800),
                        ("Parking Space", "Parking", 120)],
    "industrial_equipment": [("CNC Milling Machine", "Machines", 185000), ("Laser Cutting System", "Machines", 320000), ("Industrial Robot Arm", "Automation", 78000),
                             ("Conveyor System", "Automation", 42000), ("Hydraulic Press", "Machines", 96000), ("Control Unit", "Components", 6800), ("Spindle Assembly", "Spare parts", 4200),
                             ("Sensor Package", "Components", 1900), ("Safety Enclosure", "Components", 8500), ("Retrofit Kit", "Upgrades", 24000)],
    "consumer_goods": [("Shampoo 250ml", "Personal care", 3.2), ("Shower Gel 250ml", "Personal care", 2.6), ("Laundry Detergent 2L", "Household", 7.9), ("Dish Soap 500ml", "Household", 2.1),
                       ("Paper Towels 4-Pack", "Household", 4.5), ("Toothpaste", "Personal care", 2.4), ("Deodorant", "Personal care", 3.1), ("Hand Soap", "Personal care", 1.9),
                       ("All-Purpose Cleaner", "Household", 3.4), ("Baby Wipes", "Baby care", 2.9)],
    "vehicles": [("Compact Hatchback", "New cars", 24900), ("Family SUV", "New cars", 42500), ("Electric Crossover", "New cars", 46900), ("Estate Car", "New cars", 38900),
                 ("Pickup Truck", "New cars", 49900), ("Used Compact 4 Years", "Used cars", 13900), ("Used SUV 3 Years", "Used cars", 27900), ("Used Sedan 6 Years", "Used cars", 11900),
                 ("Used Electric 2 Years", "Used cars", 29900), ("Used Van 5 Years", "Used cars", 18900), ("Demonstrator SUV", "Demonstrators", 36900)],
    "auto_parts": [("Brake Pads Set", "Brakes", 49), ("Brake Discs Pair", "Brakes", 95), ("Oil Filter", "Filters", 12), ("Air Filter", "Filters", 18), ("Spark Plugs 4-Pack", "Ignition", 29),
                   ("Car Battery", "Electrical", 139), ("Wiper Blades", "Accessories", 25), ("Engine Oil 5L", "Fluids", 45), ("Headlight Bulb", "Electrical", 15),
                   ("Shock Absorber", "Suspension", 89), ("Timing Belt Kit", "Engine", 160), ("Winter Tyre", "Tyres", 110)],
    "hotel_rooms": [("Standard Double", "Rooms", 119), ("Superior Double", "Rooms", 149), ("Single Room", "Rooms", 95), ("Family Room", "Rooms", 189),
                    ("Junior Suite", "Suites", 239), ("Suite", "Suites", 329), ("Breakfast", "Extras", 19), ("Spa Package", "Extras", 89)],
    "holiday_rentals": [("Seaside Apartment", "Apartments", 140), ("Mountain Chalet", "Chalets", 260), ("Lake House", "Houses", 210), ("City Studio", "Apartments", 95),
                        ("Farmhouse", "Houses", 180), ("Villa with Pool", "Villas", 390), ("Cabin in the Woods", "Cabins", 120), ("Loft", "Apartments", 150)],
    "tours": [("City Walking Tour", "Day tours", 35), ("Wine Region Day Trip", "Day tours", 129), ("Mountain Hiking Week", "Multi-day tours", 1290),
              ("Coastal Cycling Tour", "Multi-day tours", 990), ("Cultural Round Trip", "Round trips", 1890), ("Safari Adventure", "Round trips", 3490),
              ("Cooking Class", "Experiences", 89), ("Boat Excursion", "Day tours", 65)],
    "legal_services": [("Contract Review", "Commercial law", 900), ("Employment Dispute", "Employment law", 3500), ("Company Formation", "Corporate law", 2400),
                       ("Litigation", "Litigation", 12000), ("Trademark Registration", "IP law", 1600), ("Real Estate Transaction", "Real estate law", 4200),
                       ("Will and Estate Planning", "Private clients", 1200), ("Data Protection Audit", "Compliance", 5500)],
    "accounting_services": [("Annual Accounts", "Accounting", 3200), ("Tax Return Business", "Tax", 1800), ("Tax Return Private", "Tax", 450), ("Payroll Service", "Payroll", 900),
                            ("Audit", "Audit", 14000), ("Tax Advisory", "Advisory", 2500), ("Bookkeeping Monthly", "Accounting", 600), ("Business Valuation", "Advisory", 7500)],
    "consulting": [("Strategy Review", "Strategy", 45000), ("Digital Transformation", "Technology", 120000), ("Process Optimisation", "Operations", 38000),
                   ("Change Management", "People", 29000), ("Market Entry Study", "Strategy", 24000), ("Cloud Migration", "Technology", 85000), ("Workshop Day", "Workshops", 4500)],
    "agency_services": [("Website Redesign", "Web", 18000), ("Brand Identity", "Branding", 12000), ("SEO Retainer", "Performance", 2500), ("Paid Social Campaign", "Performance", 6500),
                        ("Content Production", "Content", 4800), ("App Development", "Development", 65000), ("Social Media Management", "Content", 2200), ("Photo Shoot", "Content", 3200)],
    "saas_plans": [("Starter", "Plans", 29), ("Team", "Plans", 79), ("Business", "Plans", 199), ("Enterprise", "Plans", 890), ("Extra Seats", "Add-ons", 12),
                   ("Analytics Add-on", "Add-ons", 49), ("Premium Support", "Services", 150), ("Onboarding Package", "Services", 1500)],
    "telecom_plans": [("Mobile S 10GB", "Mobile", 15), ("Mobile M 40GB", "Mobile", 25), ("Mobile Unlimited", "Mobile", 45), ("Fibre 300", "Broadband", 39),
                      ("Fibre 1000", "Broadband", 59), ("TV Package", "TV", 19), ("Family Bundle", "Bundles", 89), ("Prepaid Starter", "Prepaid", 10)],
    "courses": [("Foundation Course", "Foundation", 490), ("Bachelor Module", "Degree", 1200), ("Master Module", "Degree", 1800), ("Evening Language Course", "Languages", 320),
                ("Online Certificate", "Certificates", 690), ("Summer School", "Short courses", 950), ("Executive Workshop", "Executive", 2400), ("Exam Preparation", "Short courses", 280)],
    "nonprofit_programmes": [("Monthly Donation", "Regular giving", 20), ("One-off Donation", "Donations", 50), ("Emergency Appeal", "Appeals", 75), ("Sponsorship", "Regular giving", 35),
                             ("Membership", "Membership", 60), ("Gala Ticket", "Events", 150), ("Charity Run Entry", "Events", 35), ("Legacy Gift", "Legacies", 5000)],
    "public_services": [("Building Permit", "Permits", 350), ("Business Registration", "Registrations", 60), ("Parking Permit", "Permits", 40), ("Passport Application", "Documents", 70),
                        ("Birth Certificate", "Documents", 15), ("Waste Collection Request", "Services", 0), ("Event Permit", "Permits", 120), ("Pothole Report", "Reports", 0),
                        ("Noise Complaint", "Reports", 0), ("Childcare Place Application", "Services", 0)],
    "banking_products": [("Current Account", "Accounts", 6), ("Savings Account", "Accounts", 0), ("Credit Card", "Cards", 4), ("Premium Card", "Cards", 12),
                         ("Business Account", "Accounts", 15), ("Fixed-Term Deposit", "Deposits", 0), ("Investment Account", "Investments", 9), ("Overdraft Facility", "Credit", 3)],
    "loans": [("Personal Loan", "Consumer credit", 12000), ("Car Loan", "Consumer credit", 22000), ("Mortgage", "Mortgages", 280000), ("Home Improvement Loan", "Consumer credit", 18000),
              ("Business Loan", "Business credit", 75000), ("Student Loan", "Consumer credit", 15000), ("Credit Line", "Business credit", 30000), ("Green Energy Loan", "Consumer credit", 16000)],
    "payment_plans": [("Card Acquiring", "Acquiring", 0), ("Online Checkout", "E-commerce", 0), ("POS Terminal", "In-store", 0), ("Payment Links", "E-commerce", 0),
                      ("Subscriptions Billing", "Recurring", 0), ("Instant Payouts", "Payouts", 0), ("Fraud Shield", "Risk", 0), ("Multi-Currency", "Cross-border", 0)],
    "pharma_products": [("Pain Relief Tablets", "OTC", 6.5), ("Antibiotic Course", "Prescription", 18), ("Insulin Pen", "Prescription", 42), ("Vaccine Dose", "Vaccines", 35),
                        ("Blood Pressure Tablets", "Prescription", 14), ("Allergy Relief", "OTC", 9), ("Vitamin D", "Supplements", 8), ("Oncology Infusion", "Specialty", 1850)],
    "logistics_services": [("Parcel Standard", "Parcels", 7.5), ("Parcel Express", "Parcels", 14), ("Pallet Freight", "Freight", 145), ("Full Truckload", "Freight", 1350),
                           ("Same-Day Courier", "Courier", 35), ("Warehousing per Pallet", "Warehousing", 18), ("International Parcel", "Parcels", 24), ("Cold Chain Delivery", "Freight", 280)],
    "media_titles": [("Monthly Subscription", "Subscriptions", 9.99), ("Annual Subscription", "Subscriptions", 99), ("Film Rental", "Rentals", 4.99), ("Series Season Pass", "Purchases", 19.99),
                     ("Concert Ticket", "Events", 59), ("Magazine Issue", "Print", 6.5), ("E-Book", "Digital", 9.99), ("Podcast Premium", "Subscriptions", 4.99)],
    "energy_tariffs": [("Green Electricity Fixed", "Electricity", 92), ("Electricity Flex", "Electricity", 84), ("Gas Fixed", "Gas", 110), ("Heat Pump Tariff", "Electricity", 75),
                       ("Solar Installation", "Installations", 14500), ("Battery Storage", "Installations", 8900), ("Wallbox Charger", "Installations", 1490), ("Maintenance Plan", "Services", 129)],
    "agri_products": [("Wheat Seed 1t", "Seed", 620), ("Fertiliser NPK 1t", "Fertiliser", 540), ("Crop Protection 10L", "Crop protection", 290), ("Animal Feed 1t", "Feed", 410),
                      ("Organic Potatoes 1t", "Produce", 380), ("Milk 1000L", "Dairy", 450), ("Diesel 1000L", "Fuel", 1250), ("Machinery Service", "Services", 690)],
    "construction_work": [("Kitchen Renovation", "Interior", 18500), ("Bathroom Renovation", "Interior", 14500), ("Roof Replacement", "Roofing", 26000), ("Extension", "Building", 85000),
                          ("Facade Insulation", "Energy", 32000), ("Heat Pump Installation", "Energy", 21000), ("Electrical Rewiring", "Electrical", 9500), ("New Build House", "Building", 420000)],
    "generic": [("Standard Package", "Packages", 49), ("Premium Package", "Packages", 129), ("Basic Service", "Services", 29), ("Consultation", "Services", 80),
                ("Maintenance Plan", "Plans", 19), ("Installation", "Services", 150), ("Spare Part", "Parts", 25), ("Gift Card", "Other", 50)],
}

# Cue words (folded, matched at word starts in the sub-industry and offering names) -> catalogue.
CUES: list[tuple[str, str]] = [
    ("coffee kaffee cafe espresso roast rösterei", "coffee"), ("tea tee thé", "tea"), ("wine wein vin vino winery weingut", "wine"),
    ("bakery bäckerei boulangerie panaderia panetteria bakkerij patisserie konditorei", "bakery"),
    ("pet haustier tier dog hund cat katze", "pet_supplies"), ("outdoor hiking trekking alpine camping mountain", "outdoor_apparel"),
    ("fashion mode clothing apparel bekleidung", "fashion"), ("electronic elektronik computer phone", "electronics"),
    ("furniture möbel meuble mueble", "furniture"), ("home living wohnen deco interior", "home_living"), ("beauty cosmetic kosmetik skin", "beauty"),
    ("sport fitness bike fahrrad", "sports"), ("book buch livre", "books_media"), ("toy spielzeug jouet", "toys"), ("jewel schmuck bijou watch uhr", "jewelry"),
    ("grocery lebensmittel supermarket organic bio", "grocery"),
    ("dental dentist zahn dentaire kfo orthodont", "dental"), ("derma skin haut", "dermatology"), ("physio rehab", "physio"), ("vet tierarzt veterin", "veterinary"),
    ("hospital klinikum krankenhaus hôpital", "hospital"),
    ("pet haustier tier", "pet_insurance"), ("motor kfz auto car vehicle", "motor_insurance"), ("life leben vie", "life_insurance"),
    ("home hausrat property gebäude household wohngebäude", "property_insurance"), ("health kranken santé salud dental", "health_insurance"),
    ("rent miete rental location", "rental_listings"), ("broker makler estate immobil", "property_listings"),
    ("law legal recht anwalt kanzlei avocat", "legal_services"), ("tax steuer account buchhalt", "accounting_services"),
    ("agency agentur marketing design web", "agency_services"), ("consult beratung", "consulting"),
    ("parts teile ersatzteil", "auto_parts"), ("hotel", "hotel_rooms"), ("holiday ferien vacation apartment chalet", "holiday_rentals"), ("tour reise travel", "tours"),
    ("loan kredit credit mortgage hypothek", "loans"), ("payment zahlung acquir", "payment_plans"),
]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def cue_catalogue(texts: Sequence[str], allowed: Sequence[str]) -> str | None:
    """The first catalogue among ``allowed`` whose cue words start a word of ``texts``."""
    words = set(re.findall(r"[a-z]+", " ".join(fold(t) for t in texts)))
    for cues, key in CUES:
        if key not in allowed:
            continue
        for cue in fold(cues).split():
            if any(w.startswith(cue) for w in words):
                return key
    return None


@dataclasses.dataclass(frozen=True)
class CatalogueItem:
    name: str
    category: str
    price: float
    own: bool  # the prospect's own offering (from the profile)


def catalogue(key: str, offerings: Sequence[tuple[str, str | None, float | None]], size: int) -> list[CatalogueItem]:
    """The prospect's offerings (name, category, price) first, then fill items of catalogue
    ``key`` up to ``size``: missing prices and categories taken from the closest fill item
    (by name words, else the catalogue's median), fill prices scaled to the prospect's
    price level when some prices are known."""
    fill = CATALOGUES[key]
    known = [p for _, _, p in offerings if p]
    fill_median = statistics.median(p for _, _, p in fill) or 1.0
    scale = 1.0
    if known:
        own_median = statistics.median(known)
        # Only rescale within an order of magnitude: a single outlier price must not
        # turn a coffee catalogue into one of machines.
        scale = min(max(own_median / fill_median, 0.2), 5.0)
    out: list[CatalogueItem] = []
    seen: set[str] = set()
    for name, category, price in offerings:
        k = fold(name)
        if k in seen:
            continue
        seen.add(k)
        near = _closest(name, fill, price / scale if price else None)
        if near is None:
            # Nothing alike in the catalogue and no price: a short name such as "Climbing"
            # names its own category; a longer one joins the catalogue's commonest. Its
            # price is one of the catalogue's (picked by the name, so stable), so a list
            # of such names is not one price repeated.
            common = statistics.mode(c for _, c, _ in fill)
            pick = fill[int(hashlib.sha256(k.encode()).hexdigest(), 16) % len(fill)]
            near = (name, name if len(name.split()) <= 2 else common, pick[2])
        out.append(CatalogueItem(name=name, category=category or near[1], price=price or round(near[2] * scale, 2), own=True))
    for name, category, price in fill:
        if len(out) >= size:
            break
        if fold(name) not in seen:
            seen.add(fold(name))
            out.append(CatalogueItem(name=name, category=category, price=round(price * scale, 2), own=False))
    return out


def _stems(text: str) -> set[str]:
    """Comparable word stems: folded, plural s dropped, first five letters ("Jackets" and
    "Shell Jacket" share "jacke", "Tents" and "Tent" share "tent")."""
    return {w.rstrip("s")[:5] for w in re.findall(r"[a-z]{3,}", fold(text))}


def _closest(name: str, fill: Sequence[Item], price: float | None) -> Item | None:
    """The fill item most like ``name`` (shared stems in its name, then its category),
    else the one closest in price, else None."""
    words = _stems(name)
    best, score = None, 0.0
    for item in fill:
        s = len(words & _stems(item[0])) + 0.9 * len(words & _stems(item[1]))
        if s > score:
            best, score = item, s
    if best is not None:
        return best
    if price:  # the catalogue's core category (its commonest), closest in price
        core = statistics.mode(c for _, c, _ in fill)
        return min((x for x in fill if x[1] == core), key=lambda x: abs(x[2] - price))
    return None
